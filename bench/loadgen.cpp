// Load generator for boxoffice (bench/README.md).
//
//   loadgen setup --url URL --manager-email E --manager-password P --out setup.json
//   loadgen run --url URL --setup setup.json --scenarios healthz,holds_unique --conns 64
//   loadgen queue --url URL --manager-email E --manager-password P --joins 1000000 --conns 64
//   loadgen fanout --url URL --manager-email E --manager-password P --watchers 10000
//
// `setup` makes the venue, events and buyers through the API; `run` prints one key=value line per
// scenario on stdout; `queue` makes an event with a waiting room and runs the queue scenarios on
// it (their tokens live only in its memory); `fanout` makes an event, opens its updates stream
// many times and times one seat change after another reaching every stream. Progress and errors
// go to stderr.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api.hpp"
#include "fanout_scenario.hpp"
#include "queue_scenarios.hpp"
#include "scenarios.hpp"
#include "setup.hpp"

namespace {

using namespace bench;

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

int do_setup(const std::string& url, const SetupOptions& options, const std::string& out_path) {
  if (options.buyers < kMinBuyers) {
    std::cerr << "loadgen: at least " << kMinBuyers << " buyers are needed to sell out an event\n";
    return 2;
  }
  asio::io_context io;
  const auto server = resolve_server(io, url);
  const auto start = std::chrono::steady_clock::now();
  SetupTimings timings;
  const auto setup = create_setup(server, io, options, timings);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ofstream(out_path) << boost::json::serialize(to_json(setup)) << '\n';
  std::printf(
      "setup seconds=%.2f buyers=%zu buyers_done_s=%.2f unique_events=%zu purchase_events=%zu "
      "events_done_s=%.2f file=%s\n",
      seconds, setup.buyers.size(), timings.buyers_seconds, setup.unique.size(),
      setup.purchase.size(), timings.events_seconds, out_path.c_str());
  return 0;
}

int do_run(const std::string& url, const std::string& setup_path,
           const std::vector<std::string>& names, const RunOptions& options) {
  std::ifstream in(setup_path);
  if (!in) {
    std::cerr << "loadgen: cannot read " << setup_path << "\n";
    return 2;
  }
  for (const auto& name : names) {
    if (std::find(scenario_names().begin(), scenario_names().end(), name) ==
        scenario_names().end()) {
      std::cerr << "loadgen: unknown scenario '" << name << "'\n";
      return 2;
    }
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto setup = setup_from_json(boost::json::parse(text.str()));

  asio::io_context resolver_io;
  const auto server = resolve_server(resolver_io, url);
  std::optional<double> ceiling;
  bool all_checks_passed = true;
  for (const auto& name : names) {
    const auto outcome = run_scenario(name, server, setup, options, ceiling);
    if (name == "healthz") ceiling = outcome.ok_per_s;
    all_checks_passed = all_checks_passed && outcome.check_passed;
  }
  return all_checks_passed ? 0 : 1;
}

int do_queue(const std::string& url, const SetupOptions& setup_options, int max_active,
             const QueueOptions& options) {
  asio::io_context io;
  const auto server = resolve_server(io, url);
  const auto start = std::chrono::steady_clock::now();
  const auto event = create_queue_event(server, io, setup_options, max_active);
  std::printf("queue_setup seconds=%.2f event=%s max_active=%d\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              event.id.c_str(), max_active);
  std::fflush(stdout);
  return run_queue(server, event.id, options) ? 0 : 1;
}

int do_fanout(const std::string& url, const SetupOptions& setup_options,
              const FanoutOptions& options) {
  asio::io_context io;
  const auto server = resolve_server(io, url);
  const auto watched = create_watched_event(server, io, setup_options);
  std::printf("fanout_setup event=%s watchers=%d\n", watched.event.id.c_str(), options.watchers);
  std::fflush(stdout);
  return run_fanout(server, watched.event.id, watched.token, options) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load generator for the boxoffice server"};
  app.require_subcommand(1);
  std::string url = "http://127.0.0.1:8080";

  auto* setup_cmd = app.add_subcommand("setup", "Create a venue, events and buyers via the API");
  SetupOptions setup_options;
  std::string out_path = "setup.json";
  setup_cmd->add_option("--url", url, "Server base URL")->capture_default_str();
  setup_cmd->add_option("--manager-email", setup_options.manager_email, "A manager or admin")
      ->required();
  setup_cmd->add_option("--manager-password", setup_options.manager_password)->required();
  setup_cmd->add_option("--buyers", setup_options.buyers, "Buyer accounts to register")
      ->capture_default_str();
  setup_cmd
      ->add_option("--unique-events", setup_options.unique_events,
                   "20,000-seat events for holds_unique")
      ->capture_default_str();
  setup_cmd
      ->add_option("--purchase-events", setup_options.purchase_events,
                   "20,000-seat events for hold_purchase")
      ->capture_default_str();
  setup_cmd->add_option("--concurrency", setup_options.concurrency, "Buyers registered at a time")
      ->capture_default_str();
  setup_cmd->add_option("--out", out_path, "Where to write the setup")->capture_default_str();

  auto* run_cmd = app.add_subcommand("run", "Run scenarios, one result line each");
  RunOptions run_options;
  std::string setup_path = "setup.json";
  std::string scenario_list;
  for (const auto& n : scenario_names()) scenario_list += (scenario_list.empty() ? "" : ",") + n;
  run_cmd->add_option("--url", url, "Server base URL")->capture_default_str();
  run_cmd->add_option("--setup", setup_path, "File written by `setup`")->capture_default_str();
  run_cmd->add_option("--scenarios", scenario_list, "Comma-separated, run in this order")
      ->capture_default_str();
  run_cmd->add_option("--conns", run_options.connections, "Concurrent connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  run_cmd->add_option("--threads", run_options.threads, "Threads running the connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  run_cmd->add_option("--seconds", run_options.seconds, "Duration of each scenario")
      ->capture_default_str();
  run_cmd
      ->add_option("--requests", run_options.max_ops,
                   "Stop a scenario after this many operations (0: no limit)")
      ->capture_default_str();
  run_cmd->add_option("--label", run_options.label, "Printed as backend=LABEL");
  run_cmd->add_option("--server-pid", run_options.server_pid,
                      "Report the CPU use of this process apart (Linux /proc)");

  auto* queue_cmd =
      app.add_subcommand("queue", "Make an event with a waiting room; run join, poll and verify");
  QueueOptions queue_options;
  int max_active = 1000;
  queue_cmd->add_option("--url", url, "Server base URL")->capture_default_str();
  queue_cmd->add_option("--manager-email", setup_options.manager_email, "A manager or admin")
      ->required();
  queue_cmd->add_option("--manager-password", setup_options.manager_password)->required();
  queue_cmd->add_option("--max-active", max_active, "The waiting room's max_active")
      ->capture_default_str();
  queue_cmd->add_option("--joins", queue_options.joins, "Joins that must succeed")
      ->capture_default_str()
      ->check(CLI::Range(1, 100'000'000));
  queue_cmd->add_option("--conns", queue_options.connections, "Concurrent connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  queue_cmd->add_option("--threads", queue_options.threads, "Threads running the connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  queue_cmd->add_option("--seconds", queue_options.seconds, "Duration of the poll scenario")
      ->capture_default_str();
  queue_cmd->add_option("--label", queue_options.label, "Printed as backend=LABEL");
  queue_cmd->add_option("--server-pid", queue_options.server_pid,
                        "Report the CPU use and memory of this process (Linux /proc)");

  auto* fanout_cmd = app.add_subcommand(
      "fanout", "Open an event's updates stream many times; time seat changes reaching them");
  FanoutOptions fanout_options;
  fanout_cmd->add_option("--url", url, "Server base URL")->capture_default_str();
  fanout_cmd->add_option("--manager-email", setup_options.manager_email, "A manager or admin")
      ->required();
  fanout_cmd->add_option("--manager-password", setup_options.manager_password)->required();
  fanout_cmd->add_option("--watchers", fanout_options.watchers, "Open streams")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  fanout_cmd->add_option("--changes", fanout_options.changes, "Seat changes, one at a time")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  fanout_cmd->add_option("--label", fanout_options.label, "Printed as backend=LABEL");
  fanout_cmd->add_option("--server-pid", fanout_options.server_pid,
                         "Report the memory of this process per open stream (Linux /proc)");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*setup_cmd) return do_setup(url, setup_options, out_path);
    if (*queue_cmd) return do_queue(url, setup_options, max_active, queue_options);
    if (*fanout_cmd) return do_fanout(url, setup_options, fanout_options);
    return do_run(url, setup_path, split(scenario_list), run_options);
  } catch (const std::exception& e) {
    std::cerr << "loadgen: " << e.what() << "\n";
    return 1;
  }
}
