// The composition root: reads the configuration, picks the storage backend, wires the layers and
// runs the server.
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/accounts.hpp"
#include "app/demo.hpp"
#include "app/hold_sweeper.hpp"
#include "app/hold_writer.hpp"
#include "app/live_inventory.hpp"
#include "app/live_queues.hpp"
#include "app/outbox_sender.hpp"
#include "app/periodic_tasks.hpp"
#include "app/queue_admitter.hpp"
#include "app/security.hpp"
#include "app/session_cache.hpp"
#include "app/settlements.hpp"
#include "app/storage_workers.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "notify/curl_notifier.hpp"
#include "notify/curl_webhook_poster.hpp"
#include "storage/open_backend.hpp"
#include "storage/sqlite/sqlite_backend.hpp"
#include "storage/sqlite/sqlite_backup.hpp"

namespace {

using namespace boxoffice;

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:data/boxoffice.db";
  bool demo = false;
  std::string web_root = BOXOFFICE_WEB_DIR;
  int io_threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int db_threads = 16;
  std::size_t body_limit = 2 * 1024 * 1024;
  int header_timeout = 10;
  int idle_timeout = 60;
  int drain_timeout = 20;
  int session_ttl = 12 * 3600;
  ThrottlePolicy throttle;
  int throttle_window = 15 * 60;
  std::string admin_email;
  std::string admin_password;
  std::string log_level = "info";
  ThrottlePolicy joins{10, 60, std::chrono::seconds(60), false};
  ThrottlePolicy holds{0, 120, std::chrono::seconds(60), false};  // per address only
  int join_window = 60;
  int queue_start_within = 600;
  std::string public_url = "http://localhost:8080";
  std::string smtp_url;
  std::string mail_from = "tickets@boxoffice.test";
  std::string smtp_username;
  std::string smtp_password;
  std::string sms_webhook_url;
  std::string trusted_proxies;
  std::size_t max_connections = 10000;
  std::size_t max_streams_per_address = 16;
  int password_threads = 2;
  std::size_t password_queue = 32;
  OutboxPolicy outbox;
  long long outbox_retry_base_ms = 30'000;
  long long outbox_retry_cap_ms = 3'600'000;
  int outbox_lease = 60;
  int webhook_timeout = 10;
  int outbox_keep_days = 30;
};

// `serve` and `backup` read the same option and variable, so a backup names the served database.
void add_database_option(CLI::App& command, Config& c) {
  command
      .add_option("--database", c.database,
                  "sqlite:PATH[?sync=full] or postgresql://USER@HOST[:PORT]/DB")
      ->envname("BOXOFFICE_DATABASE")
      ->capture_default_str();
}

void add_serve_options(CLI::App& serve, Config& c) {
  auto env = [](CLI::Option* o, const char* name) {
    return o->envname(name)->capture_default_str();
  };
  env(serve.add_option("--listen", c.listen, "Address and port to serve on (port 0: any free one)"),
      "BOXOFFICE_LISTEN");
  add_database_option(serve, c);
  env(serve.add_flag("--demo", c.demo, "Load a demo arena and accounts into an empty database"),
      "BOXOFFICE_DEMO");
  env(serve.add_option("--web-root", c.web_root, "Folder of the web pages"), "BOXOFFICE_WEB_ROOT");
  env(serve.add_option("--io-threads", c.io_threads, "Threads serving HTTP")
          ->check(CLI::Range(1, 256)),
      "BOXOFFICE_IO_THREADS");
  env(serve.add_option("--db-threads", c.db_threads, "Threads (and connections) for the database")
          ->check(CLI::Range(1, 256)),
      "BOXOFFICE_DB_THREADS");
  env(serve.add_option("--body-limit", c.body_limit, "Largest request body in bytes (else 413)")
          ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30)),
      "BOXOFFICE_BODY_LIMIT");
  env(serve
          .add_option("--header-timeout", c.header_timeout,
                      "Seconds to receive a whole request once it has begun, and a new "
                      "connection's first byte")
          ->check(CLI::Range(1, 3600)),
      "BOXOFFICE_HEADER_TIMEOUT");
  env(serve
          .add_option("--idle-timeout", c.idle_timeout,
                      "Seconds a kept-alive connection may wait for its next request")
          ->check(CLI::Range(1, 86400)),
      "BOXOFFICE_IDLE_TIMEOUT");
  env(serve
          .add_option("--drain-timeout", c.drain_timeout,
                      "Seconds in-flight requests get to finish after SIGTERM")
          ->check(CLI::Range(0, 3600)),
      "BOXOFFICE_DRAIN_TIMEOUT");
  env(serve
          .add_option("--max-connections", c.max_connections,
                      "Open connections past which new ones get 503 and are closed")
          ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000})),
      "BOXOFFICE_MAX_CONNECTIONS");
  env(serve
          .add_option("--max-streams-per-address", c.max_streams_per_address,
                      "Updates streams one client address may hold open (else 429)")
          ->check(CLI::Range(std::size_t{1}, std::size_t{100'000})),
      "BOXOFFICE_MAX_STREAMS_PER_ADDRESS");
  env(serve
          .add_option("--password-threads", c.password_threads,
                      "Threads (and connections) for sign-ins and sign-ups, which hash passwords")
          ->check(CLI::Range(1, 64)),
      "BOXOFFICE_PASSWORD_THREADS");
  env(serve
          .add_option("--password-queue", c.password_queue,
                      "Sign-ins and sign-ups that may wait for those threads (else 503)")
          ->check(CLI::Range(std::size_t{0}, std::size_t{100'000})),
      "BOXOFFICE_PASSWORD_QUEUE");
  env(serve.add_option("--session-ttl", c.session_ttl, "Seconds a sign-in token stays valid")
          ->check(CLI::Range(1, 90 * 86400)),
      "BOXOFFICE_SESSION_TTL");
  env(serve
          .add_option("--login-failures-per-account", c.throttle.max_failures_per_account,
                      "Failed sign-ins per account from one client address within the window "
                      "before 429 (for that address only)")
          ->check(CLI::Range(1, 1000)),
      "BOXOFFICE_LOGIN_FAILURES_PER_ACCOUNT");
  env(serve
          .add_option("--login-failures-per-account-total",
                      c.throttle.max_failures_per_account_total,
                      "Failed sign-ins per account from all addresses together within the window "
                      "before 429")
          ->check(CLI::Range(1, 100000)),
      "BOXOFFICE_LOGIN_FAILURES_PER_ACCOUNT_TOTAL");
  env(serve
          .add_option("--login-failures-per-address", c.throttle.max_failures_per_address,
                      "Failed sign-ins per client address within the window before 429")
          ->check(CLI::Range(1, 100000)),
      "BOXOFFICE_LOGIN_FAILURES_PER_ADDRESS");
  env(serve.add_option("--login-window", c.throttle_window, "Seconds failed sign-ins are counted")
          ->check(CLI::Range(1, 86400)),
      "BOXOFFICE_LOGIN_WINDOW");
  env(serve.add_flag("--rate-limit-loopback", c.throttle.limit_loopback,
                     "Apply per-address limits to loopback clients too"),
      "BOXOFFICE_RATE_LIMIT_LOOPBACK");
  env(serve
          .add_option("--queue-joins-per-account", c.joins.max_failures_per_account,
                      "Waiting-room joins allowed per account within --queue-join-window")
          ->check(CLI::Range(1, 1'000'000)),
      "BOXOFFICE_QUEUE_JOINS_PER_ACCOUNT");
  env(serve
          .add_option("--queue-joins-per-address", c.joins.max_failures_per_address,
                      "Waiting-room joins allowed per client address within --queue-join-window")
          ->check(CLI::Range(1, 1'000'000)),
      "BOXOFFICE_QUEUE_JOINS_PER_ADDRESS");
  env(serve
          .add_option("--holds-per-address", c.holds.max_failures_per_address,
                      "Holds one client address may place per minute before 429")
          ->check(CLI::Range(1, 1'000'000)),
      "BOXOFFICE_HOLDS_PER_ADDRESS");
  env(serve.add_option("--queue-join-window", c.join_window, "Seconds joins are counted")
          ->check(CLI::Range(1, 86400)),
      "BOXOFFICE_QUEUE_JOIN_WINDOW");
  env(serve
          .add_option("--queue-start-within", c.queue_start_within,
                      "Seconds an admitted buyer has to place a first hold before the turn "
                      "passes on; the hold opens the event's whole checkout window")
          ->check(CLI::Range(1, 86400)),
      "BOXOFFICE_QUEUE_START_WITHIN");
  env(serve
          .add_option("--trusted-proxies", c.trusted_proxies,
                      "CIDR[,CIDR...] of load balancers whose X-Forwarded-For names the client")
          ->check([](const std::string& list) {
            try {
              http::TrustedProxies::parse(list);
              return std::string();
            } catch (const std::invalid_argument& e) {
              return std::string(e.what());
            }
          }),
      "BOXOFFICE_TRUSTED_PROXIES");
  env(serve.add_option("--public-url", c.public_url,
                       "Address of this site as buyers reach it, for links in messages"),
      "BOXOFFICE_PUBLIC_URL");
  env(serve.add_option("--smtp-url", c.smtp_url,
                       "Mail server for admission e-mails, e.g. smtp://mail.example.com:587 "
                       "(none: e-mails wait undelivered)"),
      "BOXOFFICE_SMTP_URL");
  env(serve.add_option("--mail-from", c.mail_from, "Sender address of e-mails"),
      "BOXOFFICE_MAIL_FROM");
  env(serve.add_option("--smtp-username", c.smtp_username, "Mail server user, if it needs one"),
      "BOXOFFICE_SMTP_USERNAME");
  serve.add_option("--smtp-password", c.smtp_password, "Mail server password")
      ->envname("BOXOFFICE_SMTP_PASSWORD");
  env(serve.add_option("--sms-webhook-url", c.sms_webhook_url,
                       "Text-message provider: receives POST {\"to\",\"message\"} per message"),
      "BOXOFFICE_SMS_WEBHOOK_URL");
  env(serve
          .add_option("--outbox-retry-base-ms", c.outbox_retry_base_ms,
                      "Wait after an e-mail's or webhook's first failed try; doubled after each "
                      "further one (whole seconds, at least one)")
          ->check(CLI::Range(1LL, 86'400'000LL)),
      "BOXOFFICE_OUTBOX_RETRY_BASE_MS");
  env(serve
          .add_option("--outbox-retry-cap-ms", c.outbox_retry_cap_ms,
                      "Longest wait between two tries of an e-mail or webhook")
          ->check(CLI::Range(1000LL, 86'400'000LL)),
      "BOXOFFICE_OUTBOX_RETRY_CAP_MS");
  env(serve
          .add_option("--outbox-max-attempts", c.outbox.max_attempts,
                      "Tries of an e-mail or webhook delivery before it is abandoned (logged, "
                      "counted in /metrics and kept in the database)")
          ->check(CLI::Range(1, 1000)),
      "BOXOFFICE_OUTBOX_MAX_ATTEMPTS");
  env(serve
          .add_option("--outbox-lease", c.outbox_lease,
                      "Seconds a node keeps a delivery it tries from the others; one that dies "
                      "mid-try leaves it to another after this")
          ->check(CLI::Range(1, 3600)),
      "BOXOFFICE_OUTBOX_LEASE");
  env(serve
          .add_option("--outbox-keep-days", c.outbox_keep_days,
                      "Days delivered e-mails and webhook events stay in the database")
          ->check(CLI::Range(1, 3650)),
      "BOXOFFICE_OUTBOX_KEEP_DAYS");
  env(serve
          .add_option("--webhook-timeout", c.webhook_timeout,
                      "Seconds a webhook has to answer a delivery")
          ->check(CLI::Range(1, 300)),
      "BOXOFFICE_WEBHOOK_TIMEOUT");
  env(serve.add_option("--admin-email", c.admin_email, "First administrator, created if none"),
      "BOXOFFICE_ADMIN_EMAIL");
  serve.add_option("--admin-password", c.admin_password, "Password of the first administrator")
      ->envname("BOXOFFICE_ADMIN_PASSWORD");
  env(serve.add_option("--log-level", c.log_level, "trace, debug, info, warn, error or off")
          ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"})),
      "BOXOFFICE_LOG_LEVEL");
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw CLI::ValidationError("--listen", "expected HOST:PORT");
  const int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw CLI::ValidationError("--listen", "port out of range");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return {host, static_cast<unsigned short>(port)};
}

// Applies the schema and creates the first administrator and the demo data, before serving.
void prepare_database(Backend& backend, const AppEnv& env, Config& c) {
  backend.migrate();
  auto storage = backend.connect();
  storage->delete_expired_sessions(env.clock.now());
  if (c.demo && c.admin_email.empty()) {
    c.admin_email = "admin@boxoffice.test";
    c.admin_password = "demo-admin-pass";
  }
  if (!c.admin_email.empty()) {
    auto created = accounts::ensure_admin(*storage, env, c.admin_email, c.admin_password);
    if (!created) {
      std::string why = created.error().message;
      for (const auto& [field, problem] : created.error().fields)
        why += " admin " + field + " " + problem + ".";
      throw std::runtime_error("cannot create the first administrator: " + why);
    }
    if (created.value()) spdlog::info("created administrator email={}", c.admin_email);
  } else if (!storage->has_admin()) {
    spdlog::warn("no administrator yet: set BOXOFFICE_ADMIN_EMAIL and BOXOFFICE_ADMIN_PASSWORD");
  }
  if (!c.demo) return;
  auto seeded = demo::seed(*storage, env);
  if (!seeded) throw std::runtime_error("demo data failed: " + seeded.error().message);
  if (seeded.value().empty()) return;
  spdlog::info("demo data loaded; sign in as admin email={} password={}", c.admin_email,
               c.admin_password);
  for (const auto& who : seeded.value())
    spdlog::info("demo sign-in role={} email={} password={}", who.role, who.email, who.password);
}

// Each connection is a descriptor: with a lower limit, accept() fails before --max-connections
// is reached (the server then pauses accepts rather than answering 503). The soft limit is raised
// as far as the hard one allows; what is still missing is said.
void raise_descriptor_limit(std::size_t max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  const rlim_t wanted = max_connections + 256;  // room for the database, logs and the like
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted)
    spdlog::warn(
        "descriptor limit {} is below --max-connections {} plus room for the database; "
        "raise it (ulimit -n) or lower --max-connections",
        limit.rlim_cur, max_connections);
}

// glibc raises its mmap threshold to the size of any large block freed (up to 32 MiB) and its trim
// threshold to twice that. After one stadium-sized buffer (a 100,000-seat layout read, an event's
// seat rows, its inventory snapshot) blocks of up to that size then come from the arenas, and each
// thread's arena keeps what is freed: measured, ~45 MB more RSS for good after a stadium's event
// was made and loaded (bench/RESULTS.md, "Memory per seat"). Fixed thresholds (glibc's defaults)
// give large blocks back to the system when freed, whatever was freed before.
void give_back_large_blocks() {
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024);
}

std::unique_ptr<Notifier> make_notifier(const Config& c) {
  if (c.smtp_url.empty() && c.sms_webhook_url.empty()) return nullptr;
  std::optional<SmtpSettings> smtp;
  if (!c.smtp_url.empty())
    smtp = SmtpSettings{c.smtp_url, c.mail_from, c.smtp_username, c.smtp_password};
  std::optional<std::string> sms;
  if (!c.sms_webhook_url.empty()) sms = c.sms_webhook_url;
  return std::make_unique<CurlNotifier>(std::move(smtp), std::move(sms));
}

int serve(Config& c) {
  spdlog::set_level(spdlog::level::from_str(c.log_level));
  give_back_large_blocks();
  security::initialize();
  const auto [host, port] = split_listen(c.listen);
  if (c.database.starts_with("sqlite:")) {
    const auto parent = std::filesystem::path(c.database.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  SystemClock clock;
  c.throttle.window = std::chrono::seconds(c.throttle_window);
  LoginThrottle throttle(clock, c.throttle);
  TestCardProvider payments;
  AppEnv env{clock, throttle, is_iana_timezone, std::chrono::seconds(c.session_ttl), &payments};
  env.public_url = c.public_url;
  c.joins.window = std::chrono::seconds(c.join_window);
  c.joins.limit_loopback = c.throttle.limit_loopback;
  c.joins.max_failures_per_account_total = c.joins.max_failures_per_account;  // from anywhere
  LoginThrottle join_throttle(clock, c.joins);
  env.join_throttle = &join_throttle;
  c.holds.limit_loopback = c.throttle.limit_loopback;
  LoginThrottle hold_throttle(clock, c.holds);
  env.hold_throttle = &hold_throttle;

  auto backend = open_backend(c.database);
  prepare_database(*backend, env, c);

  http::Metrics metrics;
  const http::Router router = http::all_routes(metrics);
  const http::StaticFiles files(c.web_root);
  if (files.size() == 0) spdlog::warn("no web pages found in web_root={}", c.web_root);
  LiveInventory live(clock);
  env.live = &live;
  LiveQueues queues(clock);
  env.queues = &queues;
  HoldWriter hold_writer(
      *backend,
      [](const std::string& failure) {
        spdlog::error("writing a batch of holds failed: {}", failure);
      },
      &clock);
  env.hold_writer = &hold_writer;
  StorageWorkers workers(*backend, c.db_threads);
  env.workers = &workers;
  // Two seconds (a tenth of the sessions' life when that is shorter): a rush's requests of one
  // buyer find their session here, and a session ended on another node or at its end is honoured
  // here no longer than that.
  SessionCache sessions(clock,
                        std::min<std::chrono::milliseconds>(
                            std::chrono::seconds(2), std::chrono::seconds(c.session_ttl) / 10),
                        100'000);
  env.sessions = &sessions;
  metrics.add_counter("boxoffice_hold_batches_total", "Batches of holds written.",
                      [&hold_writer] { return hold_writer.batches(); });
  metrics.add_counter("boxoffice_hold_batch_holds_total", "Holds in the batches written.",
                      [&hold_writer] { return hold_writer.holds(); });
  StorageWorkers password_workers(*backend, c.password_threads);
  auto notifier = make_notifier(c);
  QueueAdmitter admitter(
      env,
      QueueAdmitterSettings{std::chrono::milliseconds(250), c.public_url, notifier.get(),
                            std::chrono::seconds(c.queue_start_within)},
      [](const std::string& what) { spdlog::info("{}", what); });

  // The background work, each on a thread of its own: the database's, and the delivery of
  // notices, which waits on mail and SMS services and must not hold up expiry or the feeds.
  const auto failed = [](std::string_view task, std::string_view failure) {
    spdlog::error("background task failed task=\"{}\": {}", task, failure);
  };
  PeriodicTasks background(clock, failed);
  PeriodicTasks deliveries(clock, failed);
  live.schedule(background, *backend, std::chrono::milliseconds(20));
  queues.schedule(background, *backend, std::chrono::milliseconds(50));
  schedule_hold_expiry(background, *backend, env, std::chrono::milliseconds(250),
                       [](const std::vector<Hold>& expired) {
                         for (const auto& h : expired)
                           spdlog::info("hold expired id={} event={} places={}", h.id, h.event_id,
                                        h.places());
                       });
  admitter.schedule(background, deliveries, *backend);
  c.outbox.retry_base = std::chrono::milliseconds(c.outbox_retry_base_ms);
  c.outbox.retry_cap = std::chrono::milliseconds(c.outbox_retry_cap_ms);
  c.outbox.lease = std::chrono::seconds(std::max(c.outbox_lease, c.webhook_timeout + 5));
  CurlWebhookPoster poster(std::chrono::seconds(c.webhook_timeout));
  // Its own thread: a slow webhook must delay neither the database's work nor admission notices.
  PeriodicTasks outbox_tasks(clock, failed);
  OutboxSender outbox(
      clock,
      OutboxSenderSettings{std::chrono::milliseconds(250), c.outbox, 20,
                           notifier && !c.smtp_url.empty() ? notifier.get() : nullptr, &poster,
                           std::chrono::hours(24 * c.outbox_keep_days)},
      [](OutboxSender::Level level, const std::string& what) {
        if (level == OutboxSender::Level::abandoned)
          spdlog::error("{}", what);
        else if (level == OutboxSender::Level::warning)
          spdlog::warn("{}", what);
        else
          spdlog::info("{}", what);
      });
  outbox.schedule(outbox_tasks, *backend);
  metrics.add_counter("boxoffice_outbox_delivered_total",
                      "E-mails and webhook events delivered by this node.",
                      [&outbox] { return outbox.delivered(); });
  metrics.add_counter("boxoffice_outbox_failed_tries_total",
                      "Tries of e-mails and webhook events that failed on this node (retried).",
                      [&outbox] { return outbox.failed_tries(); });
  metrics.add_counter("boxoffice_outbox_abandoned_total",
                      "E-mails and webhook events this node gave up on after their last try.",
                      [&outbox] { return outbox.abandoned(); });
  metrics.add_gauge("boxoffice_outbox_waiting",
                    "E-mail and webhook deliveries waiting in the database (all nodes; counted "
                    "every 15 s).",
                    [&outbox] { return outbox.waiting_in_database(); });
  metrics.add_gauge("boxoffice_outbox_abandoned",
                    "E-mail and webhook deliveries abandoned after their last try, kept in the "
                    "database (all nodes; counted every 15 s).",
                    [&outbox] { return outbox.abandoned_in_database(); });
  accounts::schedule_session_purge(background, *backend, std::chrono::minutes(10));
  // On the deliveries' thread: refunds wait on the payment provider.
  settlements::schedule(deliveries, *backend, env, std::chrono::seconds(2));
  background.start();
  deliveries.start();
  outbox_tasks.start();

  http::ServerOptions options;
  options.host = host;
  options.port = port;
  options.io_threads = c.io_threads;
  options.body_limit = c.body_limit;
  options.header_timeout = std::chrono::seconds(c.header_timeout);
  options.idle_timeout = std::chrono::seconds(c.idle_timeout);
  options.drain_timeout = std::chrono::seconds(c.drain_timeout);
  options.database_name = std::string(backend->name());
  options.trusted_proxies = http::TrustedProxies::parse(c.trusted_proxies);
  options.max_connections = c.max_connections;
  options.max_streams_per_address = c.max_streams_per_address;
  options.limit_loopback = c.throttle.limit_loopback;
  options.password_threads = static_cast<std::size_t>(c.password_threads);
  options.password_queue = c.password_queue;
  raise_descriptor_limit(c.max_connections);
  http::serve(options, {router, workers, password_workers, env, metrics, files});
  background.stop();
  deliveries.stop();
  outbox_tasks.stop();
  workers.stop();
  password_workers.stop();
  return 0;
}

// Copies a live SQLite database; PostgreSQL has pg_dump for that, which the README describes.
int backup(const Config& c, const std::string& destination) {
  if (!c.database.starts_with("sqlite:")) {
    std::cerr << "boxoffice backup copies SQLite databases; back up PostgreSQL with\n"
                 "  pg_dump --format=custom --file=PATH '"
              << c.database << "'\nand restore it with pg_restore (see README, Backups).\n";
    return 2;
  }
  const auto source = parse_sqlite_spec(c.database.substr(7)).path;
  const auto copied = backup_sqlite(source, destination);
  std::cout << "backed up " << source << " to " << destination << ": " << copied.pages << " pages, "
            << copied.bytes << " bytes, integrity ok\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  CLI::App app{"boxoffice: concert ticketing server (venues, events, holds, orders, waiting room)"};
  app.require_subcommand(1);
  Config config;
  auto* serve_command = app.add_subcommand("serve", "Serve the API and the web pages");
  add_serve_options(*serve_command, config);
  auto* routes_command = app.add_subcommand("routes", "Print every API route (METHOD PATTERN)");
  auto* backup_command = app.add_subcommand(
      "backup", "Copy the SQLite database to PATH, safely while servers keep selling");
  std::string backup_path;
  backup_command->add_option("PATH", backup_path, "File to write the copy to")->required();
  add_database_option(*backup_command, config);
  CLI11_PARSE(app, argc, argv);

  try {
    if (*routes_command) {
      http::Metrics metrics;
      const http::Router router = http::all_routes(metrics);
      for (const auto& route : router.routes())
        std::cout << route.method << ' ' << route.pattern << '\n';
      return 0;
    }
    if (*backup_command) return backup(config, backup_path);
    return serve(config);
  } catch (const std::exception& e) {
    spdlog::critical("{}: {}", *backup_command ? "backup failed" : "cannot start", e.what());
    return 1;
  }
}
