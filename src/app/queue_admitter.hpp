#pragma once
// Runs the waiting rooms without waiting for requests. Every `period` it runs an admission round
// for each room with anyone in it (windows that ended free their slots, the next in line are let
// in), and delivers the notices owed to admitted buyers. Every node runs one: rounds lock their
// room and notices are claimed, so two nodes never admit past a limit or send a message twice.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/app_env.hpp"
#include "app/notifier.hpp"
#include "app/storage.hpp"

namespace boxoffice {

struct QueueAdmitterSettings {
  std::chrono::milliseconds period{250};
  std::string public_url;        // where links in messages point, e.g. https://tickets.example.com
  Notifier* notifier = nullptr;  // none: notices wait until a node with one delivers them
};

class QueueAdmitter {
 public:
  using Report = std::function<void(const std::string& what)>;
  QueueAdmitter(Backend& backend, const AppEnv& env, QueueAdmitterSettings settings, Report report);
  ~QueueAdmitter();
  QueueAdmitter(const QueueAdmitter&) = delete;
  QueueAdmitter& operator=(const QueueAdmitter&) = delete;

 private:
  void admit_loop();
  void deliver_loop();
  void run_rounds(Storage& storage);
  void deliver_due(Storage& storage);
  // Sleeps one period; false once stopping.
  bool pause();

  Backend& backend_;
  const AppEnv& env_;
  QueueAdmitterSettings settings_;
  Report report_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread admitter_;
  std::thread deliverer_;
};

}  // namespace boxoffice
