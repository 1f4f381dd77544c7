#include "json.hpp"

#include <utility>
#include <vector>

#include "appjwt/errors.hpp"

namespace appjwt::detail {
namespace {

using json = nlohmann::json;

// Builds the DOM like nlohmann's own json_sax_dom_parser, but stops at the first
// duplicate key or excessive depth. nlohmann's parser is iterative, so deep input
// reaches start_object/start_array and is refused there without recursion.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(json& root) : root_(root) {}

  bool null() { return add(nullptr); }
  bool boolean(bool value) { return add(value); }
  bool number_integer(json::number_integer_t value) { return add(value); }
  bool number_unsigned(json::number_unsigned_t value) { return add(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) {
    return add(value);
  }
  bool string(json::string_t& value) { return add(std::move(value)); }
  bool binary(json::binary_t& /*value*/) {  // only binary formats produce these
    problem_ = "binary data";
    return false;
  }
  bool start_object(std::size_t /*size*/) { return open(json::value_t::object); }
  bool start_array(std::size_t /*size*/) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    // One map lookup both detects a duplicate and makes the member's slot.
    auto& members = stack_.back()->get_ref<json::object_t&>();
    const auto [member, inserted] = members.try_emplace(name);
    if (!inserted) {
      problem_ = "duplicate member name " + quote_for_message(name);
      return false;
    }
    member_ = &member->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& error) {
    problem_ = describe(error, last_token) + " at byte " + std::to_string(position);
    return false;
  }

  const std::string& problem() const noexcept { return problem_; }

 private:
  // nlohmann's message, without its prefix and the echoed token: the token can
  // be arbitrarily long untrusted text.
  static std::string describe(const nlohmann::detail::exception& error,
                              const std::string& last_token) {
    if (error.id != 101) return "a number is out of range";
    std::string message = error.what();
    if (const auto start = message.find("syntax error"); start != std::string::npos) {
      message.erase(0, start);
    }
    const std::string echo = "; last read: '" + last_token + "'";
    if (const auto at = message.find(echo); at != std::string::npos) {
      message.erase(at, echo.size());
    }
    return message;
  }

  json* place(json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *member_ = std::move(value);
    return member_;
  }

  template <class T>
  bool add(T&& value) {
    place(json(std::forward<T>(value)));
    return true;
  }

  bool open(json::value_t type) {
    if (stack_.size() >= max_json_depth) {
      problem_ = "nesting deeper than " + std::to_string(max_json_depth) + " levels";
      return false;
    }
    stack_.push_back(place(json(type)));
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> stack_;
  json* member_ = nullptr;
  std::string problem_;
};

}  // namespace

nlohmann::json parse_json_object(std::string_view text, std::string_view what) {
  const auto fail = [&](const std::string& problem) {
    throw Error(ErrorCode::malformed, std::string(what) + " is not valid JSON: " + problem);
  };
  // nlohmann silently skips a UTF-8 byte order mark; RFC 8259 8.1 forbids sending one.
  if (text.starts_with("\xEF\xBB\xBF")) fail("it starts with a byte order mark");
  // nlohmann reads a NUL byte as the end of input and would ignore what follows;
  // JSON text can never contain one unescaped.
  if (text.find('\0') != std::string_view::npos) fail("it contains a NUL byte");
  json root;
  StrictDomBuilder builder(root);
  if (!json::sax_parse(text.begin(), text.end(), &builder)) fail(builder.problem());
  if (!root.is_object()) {
    throw Error(ErrorCode::malformed, std::string(what) + " is JSON but not an object");
  }
  return root;
}

std::string quote_for_message(std::string_view text) {
  constexpr std::size_t max_quoted = 40;
  // Appends rather than "literal" + string, on which GCC 12 -O3 warns (-Wrestrict).
  std::string quoted;
  if (text.size() > max_quoted)
    return quoted.append("(").append(std::to_string(text.size())).append(" bytes)");
  for (const char c : text) {
    if (c < 0x20 || c > 0x7e) {
      return quoted.append("(")
          .append(std::to_string(text.size()))
          .append(" bytes, not printable)");
    }
  }
  return quoted.append("\"").append(text).append("\"");
}

}  // namespace appjwt::detail
