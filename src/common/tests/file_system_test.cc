#include "eddy/common/file_system.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/tests/temp_dir.h"

namespace eddy {
namespace {

Path mustParse(std::string_view uri) {
  Result<Path> path = Path::parse(uri);
  EXPECT_TRUE(path.ok()) << path.status().toString();
  return std::move(path).value();
}

TEST(PathTest, ParsesUrisAndPlainPaths) {
  Path file = mustParse("file:///tmp//a/./b/");
  EXPECT_EQ(file.scheme(), "file");
  EXPECT_EQ(file.authority(), "");
  EXPECT_EQ(file.path(), "/tmp/a/b");
  EXPECT_EQ(file.toString(), "file:///tmp/a/b");

  EXPECT_EQ(mustParse("file:/tmp/x").toString(), "file:///tmp/x");
  EXPECT_EQ(mustParse("FILE:///tmp/x").scheme(), "file");
  EXPECT_EQ(mustParse("/tmp/x").toString(), "/tmp/x");
  EXPECT_EQ(mustParse("/tmp/x").scheme(), "");
  EXPECT_EQ(mustParse("/").path(), "/");

  Path s3 = mustParse("s3://bucket/flink/checkpoints");
  EXPECT_EQ(s3.scheme(), "s3");
  EXPECT_EQ(s3.authority(), "bucket");
  EXPECT_EQ(s3.path(), "/flink/checkpoints");
  EXPECT_EQ(s3.toString(), "s3://bucket/flink/checkpoints");
  EXPECT_EQ(mustParse("s3://bucket").toString(), "s3://bucket/");
}

TEST(PathTest, RejectsRelativeEmptyAndDotDot) {
  EXPECT_EQ(Path::parse("tmp/x").status(), InvalidArgument("path 'tmp/x' is not absolute"));
  EXPECT_EQ(Path::parse("file:tmp/x").status(), InvalidArgument("path 'file:tmp/x' is not absolute"));
  EXPECT_EQ(Path::parse("").status(), InvalidArgument("empty path"));
  EXPECT_EQ(Path::parse("/tmp/../etc").status(), InvalidArgument("path '/tmp/../etc' has a '..' part"));
}

TEST(PathTest, ChildParentAndName) {
  Path dir = mustParse("file:///ck/job");
  EXPECT_EQ(dir.child("chk-1").toString(), "file:///ck/job/chk-1");
  EXPECT_EQ(dir.child("chk-1/_metadata").toString(), "file:///ck/job/chk-1/_metadata");
  EXPECT_EQ(dir.child("chk-1").parent(), dir);
  EXPECT_EQ(dir.getName(), "job");
  EXPECT_EQ(mustParse("/").child("a").toString(), "/a");
  EXPECT_EQ(mustParse("/a").parent().toString(), "/");
  EXPECT_EQ(mustParse("/").parent().toString(), "/");
  EXPECT_EQ(mustParse("/").getName(), "");
}

class LocalFileSystemTest : public ::testing::Test {
 protected:
  Path at(const std::string& name) { return mustParse("file://" + dir_.path(name)); }

  Status writeFile(const Path& path, std::string_view content, WriteMode mode = WriteMode::kNoOverwrite) {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FSDataOutputStream> out, fs_.create(path, mode));
    EDDY_RETURN_IF_ERROR(out->write(content));
    return out->close();
  }

  testing::TempDir dir_{"eddy_fs"};
  LocalFileSystem fs_;
};

TEST_F(LocalFileSystemTest, CreateWriteAndReadBack) {
  Result<std::unique_ptr<FSDataOutputStream>> out = fs_.create(at("a/b/file"), WriteMode::kNoOverwrite);
  ASSERT_TRUE(out.ok()) << out.status().toString();
  ASSERT_TRUE((*out)->write("hello ").ok());
  ASSERT_TRUE((*out)->write("world").ok());
  EXPECT_EQ((*out)->getPos(), 11);
  ASSERT_TRUE((*out)->sync().ok());
  ASSERT_TRUE((*out)->close().ok());
  EXPECT_EQ((*out)->write("x"), IOError("cannot write '" + dir_.path("a/b/file") + "': the stream is closed"));

  Result<std::string> content = fs_.readFully(at("a/b/file"));
  ASSERT_TRUE(content.ok()) << content.status().toString();
  EXPECT_EQ(*content, "hello world");
}

TEST_F(LocalFileSystemTest, LargeWritesBypassTheBuffer) {
  std::string big;
  for (int i = 0; i < 200000; ++i) big.push_back(static_cast<char>('a' + i % 26));
  Result<std::unique_ptr<FSDataOutputStream>> out = fs_.create(at("big"), WriteMode::kNoOverwrite);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->write("head").ok());
  ASSERT_TRUE((*out)->write(big).ok());
  ASSERT_TRUE((*out)->write("tail").ok());
  EXPECT_EQ((*out)->getPos(), 200008);
  ASSERT_TRUE((*out)->close().ok());
  EXPECT_EQ(fs_.readFully(at("big")).valueOr(""), "head" + big + "tail");
}

TEST_F(LocalFileSystemTest, WriteModes) {
  ASSERT_TRUE(writeFile(at("f"), "first").ok());
  EXPECT_EQ(writeFile(at("f"), "second").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(fs_.readFully(at("f")).valueOr(""), "first");
  ASSERT_TRUE(writeFile(at("f"), "2nd", WriteMode::kOverwrite).ok());
  EXPECT_EQ(fs_.readFully(at("f")).valueOr(""), "2nd");
}

TEST_F(LocalFileSystemTest, MissingFiles) {
  EXPECT_EQ(fs_.open(at("none")).status(),
            NotFound("cannot open '" + dir_.path("none") + "': No such file or directory"));
  EXPECT_EQ(fs_.getFileStatus(at("none")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(fs_.exists(at("none")).valueOr(true), false);
  EXPECT_EQ(fs_.listStatus(at("none")).status().code(), StatusCode::kNotFound);
}

TEST_F(LocalFileSystemTest, ListStatusSortedWithLengths) {
  ASSERT_TRUE(writeFile(at("d/b"), "12345").ok());
  ASSERT_TRUE(writeFile(at("d/a"), "1").ok());
  ASSERT_TRUE(fs_.mkdirs(at("d/c/e")).ok());
  Result<std::vector<FileStatus>> list = fs_.listStatus(at("d"));
  ASSERT_TRUE(list.ok()) << list.status().toString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].path, at("d/a"));
  EXPECT_EQ((*list)[0].length, 1);
  EXPECT_FALSE((*list)[0].is_dir);
  EXPECT_EQ((*list)[1].path, at("d/b"));
  EXPECT_EQ((*list)[1].length, 5);
  EXPECT_EQ((*list)[2].path, at("d/c"));
  EXPECT_TRUE((*list)[2].is_dir);
  EXPECT_EQ(fs_.exists(at("d/c/e")).valueOr(false), true);
}

TEST_F(LocalFileSystemTest, MkdirsOverAFileFails) {
  ASSERT_TRUE(writeFile(at("file"), "x").ok());
  EXPECT_EQ(fs_.mkdirs(at("file")),
            AlreadyExists("cannot create directory '" + dir_.path("file") + "': a file is in the way"));
  EXPECT_EQ(fs_.mkdirs(at("file/sub")).code(), StatusCode::kIOError);
  EXPECT_TRUE(fs_.mkdirs(at("dir")).ok());
  EXPECT_TRUE(fs_.mkdirs(at("dir")).ok());
}

TEST_F(LocalFileSystemTest, RemoveFilesAndDirectories) {
  ASSERT_TRUE(writeFile(at("d/sub/f"), "x").ok());
  EXPECT_EQ(fs_.remove(at("d"), false), IOError("cannot delete '" + dir_.path("d") + "': the directory is not empty"));
  EXPECT_TRUE(fs_.remove(at("d/sub/f"), false).ok());
  EXPECT_EQ(fs_.exists(at("d/sub/f")).valueOr(true), false);
  EXPECT_TRUE(fs_.remove(at("d/sub"), false).ok());
  ASSERT_TRUE(writeFile(at("d/sub/g"), "x").ok());
  EXPECT_TRUE(fs_.remove(at("d"), true).ok());
  EXPECT_EQ(fs_.exists(at("d")).valueOr(true), false);
  EXPECT_TRUE(fs_.remove(at("never-existed"), true).ok());
}

TEST_F(LocalFileSystemTest, RenameReplacesTheTarget) {
  ASSERT_TRUE(writeFile(at("tmp"), "new").ok());
  ASSERT_TRUE(writeFile(at("target"), "old").ok());
  ASSERT_TRUE(fs_.rename(at("tmp"), at("target")).ok());
  EXPECT_EQ(fs_.readFully(at("target")).valueOr(""), "new");
  EXPECT_EQ(fs_.exists(at("tmp")).valueOr(true), false);
  EXPECT_EQ(fs_.rename(at("tmp"), at("other")).code(), StatusCode::kNotFound);
}

TEST_F(LocalFileSystemTest, RejectsOtherSchemes) {
  EXPECT_EQ(fs_.open(mustParse("s3://bucket/x")).status(), InvalidArgument("'s3://bucket/x' is not a local path"));
}

TEST(FileSystemRegistryTest, LocalForFileUrisAndPlainPaths) {
  std::shared_ptr<FileSystem> local = LocalFileSystem::getSharedInstance();
  EXPECT_EQ(FileSystem::get("file:///tmp/x").valueOr(nullptr), local);
  EXPECT_EQ(FileSystem::get("/tmp/x").valueOr(nullptr), local);
  EXPECT_EQ(FileSystem::get("file://host/tmp/x").status(),
            InvalidArgument("local path 'file://host/tmp/x' has an authority"));
}

TEST(FileSystemRegistryTest, UnregisteredSchemesAreNotSupported) {
  EXPECT_EQ(FileSystem::get("s3://bucket/checkpoints").status(), NotSupported("no file system for scheme 's3'"));
  EXPECT_EQ(FileSystem::get("hdfs://namenode:9000/x").status(), NotSupported("no file system for scheme 'hdfs'"));
  EXPECT_EQ(FileSystem::get("relative/x").status(), InvalidArgument("path 'relative/x' is not absolute"));
}

TEST(FileSystemRegistryTest, RegisteredFactoryIsUsedUntilUnregistered) {
  std::vector<std::string> asked;
  std::shared_ptr<FileSystem> local = LocalFileSystem::getSharedInstance();
  FileSystem::registerFileSystem("mock", [&](const Path& uri) -> Result<std::shared_ptr<FileSystem>> {
    asked.push_back(uri.authority());
    return local;
  });
  EXPECT_EQ(FileSystem::get("mock://bucket-1/x").valueOr(nullptr), local);
  EXPECT_EQ(asked, std::vector<std::string>{"bucket-1"});
  FileSystem::unregisterFileSystem("mock");
  EXPECT_EQ(FileSystem::get("mock://bucket-1/x").status(), NotSupported("no file system for scheme 'mock'"));
  FileSystem::unregisterFileSystem("file");
  EXPECT_EQ(FileSystem::get("/tmp").valueOr(nullptr), local);
}

}  // namespace
}  // namespace eddy
