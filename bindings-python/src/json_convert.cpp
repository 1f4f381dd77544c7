#include <cmath>
#include <cstdint>
#include <string>

#include "bindings.hpp"

namespace appjwt::python {
namespace {

using json = nlohmann::json;

// Deeper values go through json.dumps, which reports cycles as Python does.
constexpr int max_depth = 64;

std::string utf8_of(py::handle text) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (data == nullptr) {
    // Lone surrogates: not representable in UTF-8, so json.dumps decides.
    PyErr_Clear();
    throw NotJsonNative("string is not valid Unicode");
  }
  return {data, static_cast<std::size_t>(size)};
}

json integer_of(py::handle value) {
  int overflow = 0;
  const long long number = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow == 0) {
    if (number == -1 && PyErr_Occurred()) throw py::error_already_set();
    return static_cast<std::int64_t>(number);
  }
  if (overflow > 0) {
    const unsigned long long unsigned_number = PyLong_AsUnsignedLongLong(value.ptr());
    if (!PyErr_Occurred()) return static_cast<std::uint64_t>(unsigned_number);
    PyErr_Clear();
  }
  throw NotJsonNative("integer out of the 64-bit range");
}

json convert(py::handle value, int depth) {
  if (depth > max_depth) throw NotJsonNative("value nested too deeply");
  PyObject* object = value.ptr();
  if (object == Py_None) return nullptr;
  if (PyBool_Check(object)) return object == Py_True;
  if (PyLong_Check(object)) return integer_of(value);
  if (PyFloat_Check(object)) {
    const double number = PyFloat_AS_DOUBLE(object);
    if (!std::isfinite(number)) throw NotJsonNative("NaN or infinity");
    return number;
  }
  if (PyUnicode_Check(object)) return utf8_of(value);
  if (PyDict_Check(object)) {
    json members = json::object();
    PyObject* key = nullptr;
    PyObject* item = nullptr;
    Py_ssize_t position = 0;
    while (PyDict_Next(object, &position, &key, &item)) {
      if (!PyUnicode_Check(key)) throw NotJsonNative("dict key is not a str");
      members[utf8_of(key)] = convert(item, depth + 1);
    }
    return members;
  }
  if (PyList_Check(object) || PyTuple_Check(object)) {
    json elements = json::array();
    for (const auto element : py::reinterpret_borrow<py::sequence>(value)) {
      elements.push_back(convert(element, depth + 1));
    }
    return elements;
  }
  throw NotJsonNative(std::string("value of type ") + Py_TYPE(object)->tp_name);
}

}  // namespace

json to_json(py::handle value) {
  return convert(value, 0);
}

py::object from_json(const json& value) {
  // The C API directly: this builds every verified token's result dict, and
  // pybind11's wrappers (py::str, item accessors) cost more than the objects.
  const auto owned = [](PyObject* object) {
    if (object == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(object);
  };
  const auto text = [&owned](const std::string& utf8) {
    return owned(PyUnicode_FromStringAndSize(utf8.data(), static_cast<Py_ssize_t>(utf8.size())));
  };
  switch (value.type()) {
    case json::value_t::null:
      return py::none();
    case json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case json::value_t::number_integer:
      return owned(PyLong_FromLongLong(value.get<std::int64_t>()));
    case json::value_t::number_unsigned:
      return owned(PyLong_FromUnsignedLongLong(value.get<std::uint64_t>()));
    case json::value_t::number_float:
      return owned(PyFloat_FromDouble(value.get<double>()));
    case json::value_t::string:
      return text(value.get_ref<const std::string&>());
    case json::value_t::array: {
      py::object elements = owned(PyList_New(static_cast<Py_ssize_t>(value.size())));
      Py_ssize_t index = 0;
      for (const auto& element : value) {
        PyList_SET_ITEM(elements.ptr(), index++, from_json(element).release().ptr());
      }
      return elements;
    }
    case json::value_t::object: {
      py::object members = owned(PyDict_New());
      for (auto member = value.begin(); member != value.end(); ++member) {
        if (PyDict_SetItem(members.ptr(), text(member.key()).ptr(),
                           from_json(member.value()).ptr()) != 0) {
          throw py::error_already_set();
        }
      }
      return members;
    }
    case json::value_t::binary:
    case json::value_t::discarded:
      break;
  }
  throw std::logic_error("JSON value without a Python equivalent");
}

}  // namespace appjwt::python
