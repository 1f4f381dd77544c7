#include "json.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

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
    auto& members = innermost()->get_ref<json::object_t&>();
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
    if (depth_ == 0) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *innermost();
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
    if (depth_ >= max_json_depth) {
      problem_ = "nesting deeper than " + std::to_string(max_json_depth) + " levels";
      return false;
    }
    json* opened = place(json(type));
    stack_[depth_++] = opened;
    return true;
  }

  bool close() {
    --depth_;
    return true;
  }

  json* innermost() const { return stack_[depth_ - 1]; }

  json& root_;
  // Open containers, innermost last; bounded by max_json_depth, so no allocation.
  std::array<json*, max_json_depth> stack_{};
  std::size_t depth_ = 0;
  json* member_ = nullptr;
  std::string problem_;
};

// Token headers and payloads are nearly always flat objects of plain ASCII
// strings, integers, booleans and null. This reads exactly that subset straight
// into the DOM, several times cheaper than nlohmann's lexer (which copies every
// character twice). It never refuses anything: an escape, a byte outside
// printable ASCII, a fraction or exponent, nesting, a duplicate name or any
// syntax error makes it return nullopt, and the strict parser alone decides.
class FlatObjectReader {
 public:
  explicit FlatObjectReader(std::string_view text) : text_(text) {}

  std::optional<json> read() {
    json root(json::value_t::object);
    auto& members = root.get_ref<json::object_t&>();
    skip_whitespace();
    if (!consume('{')) return std::nullopt;
    skip_whitespace();
    if (!consume('}')) {
      do {
        skip_whitespace();
        const auto name = plain_string();
        skip_whitespace();
        if (!name || !consume(':')) return std::nullopt;
        skip_whitespace();
        const auto [member, inserted] = members.try_emplace(std::string(*name));
        if (!inserted || !value(member->second)) return std::nullopt;
        skip_whitespace();
      } while (consume(','));
      if (!consume('}')) return std::nullopt;
    }
    skip_whitespace();
    if (at_ != text_.size()) return std::nullopt;
    return root;
  }

 private:
  bool consume(char expected) {
    if (at_ == text_.size() || text_[at_] != expected) return false;
    ++at_;
    return true;
  }

  bool consume(std::string_view literal) {
    if (!text_.substr(at_).starts_with(literal)) return false;
    at_ += literal.size();
    return true;
  }

  void skip_whitespace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  // The characters of a string without escapes, all printable ASCII.
  std::optional<std::string_view> plain_string() {
    if (!consume('"')) return std::nullopt;
    const std::size_t start = at_;
    for (; at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '"') return text_.substr(start, at_++ - start);
      if (c < 0x20 || c > 0x7e || c == '\\') return std::nullopt;
    }
    return std::nullopt;
  }

  // As nlohmann types them: unsigned when non-negative, signed when negative.
  // At most 18 digits, so the value cannot overflow; longer ones go the slow way.
  bool integer(json& out) {
    const bool negative = consume('-');
    const std::size_t start = at_;
    std::uint64_t magnitude = 0;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      magnitude = magnitude * 10 + static_cast<std::uint64_t>(text_[at_++] - '0');
    }
    const std::size_t digits = at_ - start;
    // A leading zero is only valid alone; the caller refuses what follows "0".
    if (digits == 0 || digits > 18 || (digits > 1 && text_[start] == '0')) return false;
    if (negative) {
      out = -static_cast<json::number_integer_t>(magnitude);
    } else {
      out = static_cast<json::number_unsigned_t>(magnitude);
    }
    return true;
  }

  bool value(json& out) {
    if (at_ == text_.size()) return false;
    switch (text_[at_]) {
      case '"': {
        const auto text = plain_string();
        if (text) out = std::string(*text);
        return text.has_value();
      }
      case 't':
        out = true;
        return consume("true");
      case 'f':
        out = false;
        return consume("false");
      case 'n':
        return consume("null");  // a fresh member is already null
      default:
        return integer(out);
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
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
  if (auto flat = FlatObjectReader(text).read()) return std::move(*flat);
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
