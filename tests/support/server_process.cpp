#include "support/server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <regex>
#include <stdexcept>

#include "support/command.hpp"

extern char** environ;

namespace boxoffice::testing {
namespace {
std::condition_variable g_output;
}

ServerProcess::ServerProcess(const std::string& binary, const std::string& database_url,
                             std::vector<std::string> args,
                             std::map<std::string, std::string> env) {
  std::vector<std::string> argv{binary,         "serve",      "--listen",     "127.0.0.1:0",
                                "--database",   database_url, "--io-threads", "2",
                                "--db-threads", "4"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_strings;
  for (auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> c_env;
  for (auto& e : env_strings) c_env.push_back(e.data());
  c_env.push_back(nullptr);

  const auto spawned = spawn_with_output(argv, c_env.data());
  pid_ = spawned.pid;
  out_fd_ = spawned.output;
  reader_ = std::thread([this] { read_output(); });

  static const std::regex ready(R"(ready listen=[^ ]+:(\d+))");
  std::unique_lock lock(mutex_);
  const bool seen = g_output.wait_for(lock, std::chrono::seconds(60), [&] {
    std::smatch m;
    if (std::regex_search(log_, m, ready)) {
      port_ = static_cast<unsigned short>(std::stoi(m[1]));
      return true;
    }
    return log_.find("cannot start") != std::string::npos || pid_ <= 0;
  });
  if (!seen || port_ == 0) {
    const std::string output = log_;
    lock.unlock();
    stop(SIGKILL);
    throw std::runtime_error("server did not become ready; it printed:\n" + output);
  }
}

void ServerProcess::read_output() {
  char buf[4096];
  for (;;) {
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) break;
    {
      std::lock_guard lock(mutex_);
      log_.append(buf, static_cast<std::size_t>(n));
    }
    g_output.notify_all();
  }
  g_output.notify_all();
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (reader_.joinable()) reader_.join();
  close(out_fd_);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

std::string ServerProcess::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

}  // namespace boxoffice::testing
