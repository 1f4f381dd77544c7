// parse_json_object against nlohmann's own parser: whatever appjwt accepts,
// nlohmann reads as the same values of the same types. This holds the flat-object
// fast path to the strict parser's reading of every document it takes.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "json.hpp"

namespace {

bool same(const nlohmann::json& ours, const nlohmann::json& theirs) {
  if (ours.type() != theirs.type() || ours.size() != theirs.size()) return false;
  if (ours.is_object()) {
    for (auto member = ours.begin(); member != ours.end(); ++member) {
      const auto other = theirs.find(member.key());
      if (other == theirs.end() || !same(member.value(), *other)) return false;
    }
    return true;
  }
  if (ours.is_array()) {
    for (std::size_t i = 0; i < ours.size(); ++i) {
      if (!same(ours[i], theirs[i])) return false;
    }
    return true;
  }
  return ours == theirs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = appjwt_fuzz::as_text(data, size);
  nlohmann::json ours;
  try {
    ours = appjwt::detail::parse_json_object(text, "fuzz input");
  } catch (const appjwt::Error& error) {
    if (error.code() != appjwt::ErrorCode::malformed) std::abort();
    return 0;
  }
  const auto theirs = nlohmann::json::parse(text, nullptr, false);
  if (theirs.is_discarded() || !same(ours, theirs)) std::abort();
  return 0;
}
