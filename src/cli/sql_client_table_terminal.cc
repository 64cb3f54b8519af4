#include "cli/sql_client_table_terminal.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <ctime>
#include <string>

namespace eddy::cli {
namespace {

void writeAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

// The wall-clock time as Flink's CliUtils.TIME_FORMATTER prints it: HH:mm:ss.SSS.
std::string timeOfDay() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const long millis = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[16];
  std::snprintf(text, sizeof(text), "%02d:%02d:%02d.%03ld", local.tm_hour, local.tm_min, local.tm_sec, millis);
  return text;
}

// The bytes of one key press: a byte, or an escape sequence that arrived with it.
std::string readKey(int fd) {
  char buffer[16];
  const ssize_t n = ::read(fd, buffer, sizeof(buffer));
  return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
}

// Waits up to `timeout_ms` (-1: forever) for input on `fd`; true when there is some.
bool waitForKey(int fd, int timeout_ms) {
  pollfd entry{fd, POLLIN, 0};
  return ::poll(&entry, 1, timeout_ms) > 0;
}

// The terminal in raw mode, without echo and signals (Ctrl-C arrives as a key), on the
// alternate screen with the cursor hidden, until destroyed.
class RawTerminal {
 public:
  RawTerminal(int in_fd, int out_fd) : in_fd_(in_fd), out_fd_(out_fd) {
    saved_ok_ = ::tcgetattr(in_fd_, &saved_) == 0;
    if (saved_ok_) {
      termios raw = saved_;
      raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
      raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
      raw.c_oflag &= ~static_cast<tcflag_t>(OPOST);  // the view ends its lines with "\r\n" itself
      raw.c_cc[VMIN] = 1;
      raw.c_cc[VTIME] = 0;
      ::tcsetattr(in_fd_, TCSANOW, &raw);
    }
    writeAll(out_fd_, "\x1b[?1049h\x1b[?25l");
  }
  ~RawTerminal() {
    writeAll(out_fd_, "\x1b[?25h\x1b[?1049l");
    if (saved_ok_) ::tcsetattr(in_fd_, TCSANOW, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

  // Flink's plain-terminal size (80 x 30) when the terminal does not tell its own.
  std::pair<int, int> size() const {
    winsize ws{};
    if (::ioctl(out_fd_, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) return {ws.ws_col, ws.ws_row};
    return {80, 30};
  }

 private:
  int in_fd_;
  int out_fd_;
  termios saved_{};
  bool saved_ok_ = false;
};

}  // namespace

void runTableResultView(int in_fd, int out_fd, CliTableResultView& view, std::mutex& mutex,
                        const MaterializedResult& result, const std::function<bool()>& finished,
                        const volatile std::sig_atomic_t& interrupted) {
  RawTerminal terminal(in_fd, out_fd);
  auto refresh = [&] {
    const auto [width, height] = terminal.size();
    std::lock_guard lock(mutex);
    view.setSize(width, height);
    view.refresh(result, finished(), timeOfDay());
  };
  auto display = [&](const std::string& screen) { writeAll(out_fd, "\x1b[H\x1b[2J" + screen); };
  refresh();
  display(view.render());
  auto last_refresh = std::chrono::steady_clock::now();
  while (!interrupted) {
    const long interval = view.refreshIntervalMillis();
    // Polls in steps of at most 100 ms so a SIGINT is noticed.
    const int timeout = interval < 0 || interval > 100 ? 100 : static_cast<int>(interval);
    if (!waitForKey(in_fd, timeout)) {
      const auto now = std::chrono::steady_clock::now();
      if (view.retrieving() && interval >= 0 && now - last_refresh >= std::chrono::milliseconds(interval)) {
        refresh();
        display(view.render());
        last_refresh = now;
      }
      continue;
    }
    const std::string key = readKey(in_fd);
    if (key.empty()) return;  // the terminal closed
    if (view.rowOpen()) {
      if (key == "q" || key == "Q" || key == "\x1b" || key == "\x03") {
        view.closeRow();
        display(view.render());
      }
      continue;
    }
    const std::optional<CliTableResultView::Operation> operation = CliTableResultView::operationOf(key);
    if (!operation) continue;
    if (*operation == CliTableResultView::Operation::kQuit) return;
    if (*operation == CliTableResultView::Operation::kRefresh) {
      refresh();
    } else if (*operation == CliTableResultView::Operation::kGoto) {
      std::string typed;
      display(view.renderInput(typed));
      while (!interrupted) {
        if (!waitForKey(in_fd, 100)) continue;
        const std::string input = readKey(in_fd);
        if (input.empty() || input == "\x1b" || input == "\x03") break;
        if (input == "\r" || input == "\n") {
          std::lock_guard lock(mutex);
          if (typed.empty() || view.gotoPage(std::atoi(typed.c_str()), result)) break;
          typed.clear();
        } else if (input == "\x7f" || input == "\b") {
          if (!typed.empty()) typed.pop_back();
        } else if (input.size() == 1 && input[0] >= '0' && input[0] <= '9' && typed.size() < 9) {
          typed += input;
        }
        display(view.renderInput(typed));
      }
    } else {
      std::lock_guard lock(mutex);
      view.evaluate(*operation, result);
    }
    display(view.render());
  }
}

}  // namespace eddy::cli
