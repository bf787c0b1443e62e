#pragma once
// Runs a program to its end, the way an operator runs one from a shell: for the tests of
// commands beside `serve` (backup) and of the tools they are used with (pg_dump, pg_restore).
#include <sys/types.h>

#include <string>
#include <vector>

namespace boxoffice::testing {

struct Spawned {
  pid_t pid = -1;
  int output = -1;  // read end of the pipe its stdout and stderr go to; the caller closes it
};

// Starts `argv` (argv[0] a path, not looked up on PATH) with the environment `envp`, its output
// going to a pipe. Throws std::runtime_error if it cannot be started.
Spawned spawn_with_output(const std::vector<std::string>& argv, char* const* envp);

struct CommandResult {
  int exit_code = -1;  // 128 + signal number if a signal ended it
  std::string output;  // stdout and stderr together
};

// `argv[0]` is the program's path (not looked up on PATH). Throws std::runtime_error if it
// cannot be started.
CommandResult run_command(const std::vector<std::string>& argv);

}  // namespace boxoffice::testing
