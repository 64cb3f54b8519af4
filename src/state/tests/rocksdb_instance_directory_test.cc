#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "eddy/state/rocksdb/rocksdb_instance.h"

namespace eddy::state {
namespace {

namespace fs = std::filesystem;

// The id of a process that has exited (and been reaped).
pid_t exitedProcess() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

// A process killed with SIGKILL leaves its working directory; the next process that creates
// an instance in the same local directory removes it, and keeps those of live processes,
// its own and names it does not know.
TEST(RocksDBInstanceDirectoryTest, DirectoriesOfProcessesNoLongerRunningAreRemoved) {
  const fs::path local_dir = fs::path(::testing::TempDir()) / fmt::format("rocksdb-dirs-{}", ::getpid());
  fs::remove_all(local_dir);
  const fs::path dead = local_dir / fmt::format("eddy-rocksdb-{}-0123456789abcdef", exitedProcess());
  const fs::path init = local_dir / "eddy-rocksdb-1-0123456789abcdef";
  const fs::path mine = local_dir / fmt::format("eddy-rocksdb-{}-0123456789abcdef", ::getpid());
  const fs::path other = local_dir / "eddy-rocksdb-0123456789abcdef";
  for (const fs::path& dir : {dead, init, mine, other}) fs::create_directories(dir / "db");

  auto instance = RocksDBInstance::create(local_dir.string(), KeyGroupRange{0, 127}, 128);
  ASSERT_TRUE(instance.ok()) << instance.status().message();
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(init));
  EXPECT_TRUE(fs::exists(mine));
  EXPECT_TRUE(fs::exists(other));
  const std::string name = fs::path((*instance)->directory()).filename().string();
  EXPECT_TRUE(name.starts_with(fmt::format("eddy-rocksdb-{}-", ::getpid()))) << name;

  const std::string created = (*instance)->directory();
  instance->reset();
  EXPECT_FALSE(fs::exists(created));
  fs::remove_all(local_dir);
}

}  // namespace
}  // namespace eddy::state
