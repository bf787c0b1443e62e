#include "support/command.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

extern char** environ;

namespace boxoffice::testing {

Spawned spawn_with_output(const std::vector<std::string>& argv, char* const* envp) {
  std::vector<char*> c_argv;
  for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  c_argv.push_back(nullptr);
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  Spawned spawned;
  const int rc =
      posix_spawn(&spawned.pid, argv.at(0).c_str(), &actions, nullptr, c_argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw std::runtime_error("cannot start " + argv.at(0));
  }
  spawned.output = fds[0];
  return spawned;
}

CommandResult run_command(const std::vector<std::string>& argv) {
  const auto [pid, output] = spawn_with_output(argv, environ);
  CommandResult result;
  char buf[4096];
  for (ssize_t n; (n = read(output, buf, sizeof buf)) != 0;) {
    if (n > 0)
      result.output.append(buf, static_cast<std::size_t>(n));
    else if (errno != EINTR)
      break;
  }
  close(output);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace boxoffice::testing
