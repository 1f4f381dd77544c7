#include "appjwt/key_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "appjwt/app_id.hpp"
#include "appjwt/errors.hpp"

namespace appjwt {

namespace {

constexpr std::size_t max_key_file_size = 1024 * 1024;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const noexcept { return fd_; }
  // close() reports write-back errors that a destructor would swallow.
  int close() noexcept {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

[[noreturn]] void throw_io_error(const std::string& what, const std::filesystem::path& path,
                                 int error_number) {
  throw Error(ErrorCode::io_error, what + " " + path.string() + ": " + std::strerror(error_number));
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw_io_error("cannot write", path, errno);
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Creates `target` with exactly `contents` and `mode`, or not at all. The data
// goes to a fresh temporary file beside it first; link() then gives it the final
// name atomically and fails with EEXIST instead of replacing an existing file.
void place_new_file(const std::filesystem::path& target, std::string_view contents, mode_t mode) {
  std::string name = ".";  // built by appending: GCC 12 -O3 warns (-Wrestrict) on "." + string
  name.append(target.filename().string()).append(".").append(generate_app_id()).append(".tmp");
  const auto temporary = target.parent_path() / name;
  {
    FileDescriptor fd(
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (fd.get() < 0) throw_io_error("cannot create", temporary, errno);
    try {
      // The umask may have cleared bits of mode; the file gets exactly mode.
      if (::fchmod(fd.get(), mode) != 0) throw_io_error("cannot set the mode of", temporary, errno);
      write_all(fd.get(), contents, temporary);
      if (::fsync(fd.get()) != 0) throw_io_error("cannot write", temporary, errno);
      if (fd.close() != 0) throw_io_error("cannot write", temporary, errno);
    } catch (...) {
      ::unlink(temporary.c_str());
      throw;
    }
  }
  const int linked = ::link(temporary.c_str(), target.c_str());
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (linked != 0) {
    if (link_error == EEXIST) {
      throw Error(ErrorCode::io_error,
                  target.string() + " already exists; refusing to overwrite it");
    }
    throw_io_error("cannot create", target, link_error);
  }
}

void ensure_private_directory(const std::filesystem::path& dir) {
  if (dir.has_parent_path() && dir.has_relative_path()) {
    std::error_code error;
    std::filesystem::create_directories(dir.parent_path(), error);
    if (error) throw_io_error("cannot create directory", dir.parent_path(), error.value());
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw_io_error("cannot create directory", dir, errno);
  }
  if (!std::filesystem::is_directory(dir)) {
    throw Error(ErrorCode::io_error, dir.string() + " is not a directory");
  }
}

std::filesystem::path key_path(const std::filesystem::path& dir, std::string_view app_id,
                               std::string_view suffix) {
  validate_app_id(app_id);
  return dir / (std::string(app_id) + std::string(suffix));
}

}  // namespace

Key generate_key(Algorithm alg, int rsa_bits) {
  switch (key_type_for(alg)) {
    case KeyType::rsa:
      return Key::generate_rsa(rsa_bits);
    case KeyType::ec:
      return Key::generate_ec(curve_for(alg));
    case KeyType::ed25519:
      return Key::generate_ed25519();
    case KeyType::secret:
      break;
  }
  throw Error(ErrorCode::invalid_argument,
              std::string(to_string(alg)) +
                  " uses a shared secret; application keys need an asymmetric algorithm");
}

std::filesystem::path private_key_path(const std::filesystem::path& dir, std::string_view app_id) {
  return key_path(dir, app_id, "_private.pem");
}

std::filesystem::path public_key_path(const std::filesystem::path& dir, std::string_view app_id) {
  return key_path(dir, app_id, "_public.pem");
}

KeyPairFiles write_key_pair(const std::filesystem::path& dir, std::string_view app_id,
                            const Key& private_key) {
  KeyPairFiles files{std::string(app_id), private_key_path(dir, app_id),
                     public_key_path(dir, app_id)};
  if (private_key.type() == KeyType::secret || !private_key.is_private()) {
    throw Error(ErrorCode::key_error, "a key pair needs an asymmetric private key");
  }
  const std::string private_pem = private_key.private_pem();
  const std::string public_pem = private_key.public_pem();
  ensure_private_directory(dir);
  // Checked up front so neither file is written when the other exists; the
  // link() in place_new_file still catches a file created meanwhile.
  for (const auto& path : {files.private_key, files.public_key}) {
    if (std::filesystem::symlink_status(path).type() != std::filesystem::file_type::not_found) {
      throw Error(ErrorCode::io_error, path.string() + " already exists; refusing to overwrite it");
    }
  }
  place_new_file(files.private_key, private_pem, 0600);
  try {
    place_new_file(files.public_key, public_pem, 0644);
  } catch (...) {
    ::unlink(files.private_key.c_str());
    throw;
  }
  return files;
}

KeyPairFiles generate_key_pair(const std::filesystem::path& dir, const KeyGenOptions& options) {
  const std::string app_id = options.app_id ? *options.app_id : generate_app_id();
  validate_app_id(app_id);
  return write_key_pair(dir, app_id, generate_key(options.algorithm, options.rsa_bits));
}

std::string read_key_file(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw_io_error("cannot read", path, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw_io_error("cannot read", path, errno);
  if (!S_ISREG(info.st_mode)) throw Error(ErrorCode::io_error, path.string() + " is not a file");
  if (static_cast<std::size_t>(info.st_size) > max_key_file_size) {
    throw Error(ErrorCode::io_error, path.string() + " is too large for a key file");
  }
  std::string contents;
  char buffer[8192];
  for (;;) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw_io_error("cannot read", path, errno);
    }
    if (got == 0) break;
    contents.append(buffer, static_cast<std::size_t>(got));
    // The file may grow after fstat.
    if (contents.size() > max_key_file_size) {
      throw Error(ErrorCode::io_error, path.string() + " is too large for a key file");
    }
  }
  return contents;
}

Key load_key_file(const std::filesystem::path& path, std::string_view passphrase) {
  const std::string pem = read_key_file(path);
  try {
    return Key::from_pem(pem, passphrase);
  } catch (const Error& error) {
    throw Error(error.code(), path.string() + ": " + error.what());
  }
}

}  // namespace appjwt
