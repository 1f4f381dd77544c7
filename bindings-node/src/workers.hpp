// Work moved off the main thread: a Napi::AsyncWorker runs a C++ task on the
// libuv thread pool and hands its result (or failure) to a Node-style callback
// (err, value) on the main thread, directly from the completion handler.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include <napi.h>

#include "errors.hpp"

namespace appjwt::node {

template <class Result>
class TaskWorker : public Napi::AsyncWorker {
 public:
  using Task = std::function<Result()>;                            // runs on the pool
  using Convert = std::function<Napi::Value(Napi::Env, Result&)>;  // runs on the main thread

  TaskWorker(const Napi::Function& callback, Task task, Convert convert)
      : Napi::AsyncWorker(callback, "appjwt"),
        task_(std::move(task)),
        convert_(std::move(convert)) {}

  void Execute() override {
    try {
      result_.emplace(task_());
    } catch (const std::exception& error) {
      failure_ = describe(error);
      SetError(failure_.message);
    }
  }

  void OnOK() override {
    Napi::HandleScope scope(Env());
    Callback().Call({Env().Null(), convert_(Env(), *result_)});
  }

  void OnError(const Napi::Error&) override {
    Napi::HandleScope scope(Env());
    Callback().Call({to_js(Env(), failure_).Value()});
  }

 private:
  Task task_;
  Convert convert_;
  std::optional<Result> result_;
  Failure failure_;
};

// Queues task; the callback is the last argument of info and must be a function.
template <class Result>
Napi::Value queue(const Napi::CallbackInfo& info, typename TaskWorker<Result>::Task task,
                  typename TaskWorker<Result>::Convert convert) {
  const auto callback = info.Length() > 0 ? info[info.Length() - 1] : info.Env().Undefined();
  if (!callback.IsFunction()) throw Napi::TypeError::New(info.Env(), "callback must be a function");
  (new TaskWorker<Result>(callback.As<Napi::Function>(), std::move(task), std::move(convert)))
      ->Queue();
  return info.Env().Undefined();
}

}  // namespace appjwt::node
