#include "support/nginx_process.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/command.hpp"

extern char** environ;

namespace boxoffice::testing {
namespace {

bool accepts(unsigned short port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string NginxProcess::binary() {
  if (access("/usr/sbin/nginx", X_OK) == 0) return "/usr/sbin/nginx";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && access((dir + "/nginx").c_str(), X_OK) == 0) return dir + "/nginx";
  return "";
}

unsigned short NginxProcess::free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

NginxProcess::NginxProcess(const std::string& http_config, unsigned short port) : port_(port) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "boxoffice-nginx.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  // Run as root (as CI is), nginx's workers drop to `nobody`, who must still reach the
  // temporary folders inside.
  chmod(directory_.c_str(), 0755);
  const std::string d = directory_ + "/";
  {
    std::ofstream conf(d + "nginx.conf");
    conf << "pid " << d << "nginx.pid;\n"
         << "error_log " << d << "error.log info;\n"
         << "worker_processes 1;\n"
         << "events { worker_connections 1024; }\n"
         << "http {\n"
         << "  access_log " << d << "access.log;\n"
         << "  client_body_temp_path " << d << "client_body;\n"
         << "  proxy_temp_path " << d << "proxy;\n"
         << "  fastcgi_temp_path " << d << "fastcgi;\n"
         << "  uwsgi_temp_path " << d << "uwsgi;\n"
         << "  scgi_temp_path " << d << "scgi;\n"
         << http_config << "\n}\n";
  }
  // -e: the error log before the configuration is read, which would otherwise be in /var/log.
  const auto spawned = spawn_with_output(
      {binary(), "-p", d, "-c", d + "nginx.conf", "-e", d + "error.log", "-g", "daemon off;"},
      environ);
  pid_ = spawned.pid;
  out_fd_ = spawned.output;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!accepts(port_)) {
    int status = 0;
    const bool exited = waitpid(pid_, &status, WNOHANG) == pid_;
    if (exited) pid_ = -1;
    if (exited || std::chrono::steady_clock::now() > until) {
      std::string output;
      char buf[4096];
      if (exited)
        for (ssize_t n; (n = read(out_fd_, buf, sizeof buf)) > 0;)
          output.append(buf, static_cast<std::size_t>(n));
      const std::string log = error_log();
      stop();
      throw std::runtime_error("nginx did not start: " + output + "\n" + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string NginxProcess::error_log() const {
  return read_all(directory_ + "/error.log");
}

void NginxProcess::stop() {
  if (pid_ > 0) {
    // SIGTERM: a fast shutdown, which also ends the workers.
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  std::error_code ec;
  std::filesystem::remove_all(directory_, ec);
}

NginxProcess::~NginxProcess() {
  stop();
}

}  // namespace boxoffice::testing
