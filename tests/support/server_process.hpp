#pragma once
// Runs the real boxoffice binary as a child process on a free port, the way operators run it.
#include <sys/types.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace boxoffice::testing {

class ServerProcess {
 public:
  // Starts `binary serve --listen 127.0.0.1:0 --database URL ARGS...` and waits for its ready line.
  ServerProcess(const std::string& binary, const std::string& database_url,
                std::vector<std::string> args = {}, std::map<std::string, std::string> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  // Sends `signal` and waits for the exit; returns the exit code (or 128 + signal number).
  int stop(int signal = 15);
  std::string log() const;  // everything the server printed so far
  bool running() const { return pid_ > 0; }

 private:
  void read_output();

  pid_t pid_ = -1;
  int out_fd_ = -1;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  std::string log_;
  std::thread reader_;
};

}  // namespace boxoffice::testing
