#pragma once
// Runs Debian's nginx as the user running the tests, the way the README deploys it in front of
// several nodes: everything it writes (pid, logs, temporary files) stays in a directory of its own.
#include <sys/types.h>

#include <string>

namespace boxoffice::testing {

class NginxProcess {
 public:
  // The nginx binary ("/usr/sbin/nginx" or one found on PATH), or "" when nginx is not installed.
  static std::string binary();
  // A port on 127.0.0.1 that nobody listens on now, for nginx's `listen`.
  static unsigned short free_port();

  // Starts nginx in the foreground with `http_config` (upstreams and servers) inside an `http`
  // block of its own, and waits until 127.0.0.1:`port` accepts connections. Throws
  // std::runtime_error with nginx's output and error log if it does not start.
  NginxProcess(const std::string& http_config, unsigned short port);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  unsigned short port() const { return port_; }
  std::string error_log() const;

 private:
  void stop();

  std::string directory_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  unsigned short port_ = 0;
};

}  // namespace boxoffice::testing
