# ctest's readme_cpp_example: README.md's C++ example must be install-test/main.cpp
# verbatim (minus its first comment line), so the documented code is the compiled code.
file(READ "${README}" readme)
file(READ "${MAIN_CPP}" example)
string(FIND "${example}" "\n" first_newline)
math(EXPR body_start "${first_newline} + 1")
string(SUBSTRING "${example}" ${body_start} -1 body)
string(FIND "${readme}" "```cpp\n${body}```" found)
if(found EQUAL -1)
  message(FATAL_ERROR "README.md's C++ example differs from ${MAIN_CPP}")
endif()
