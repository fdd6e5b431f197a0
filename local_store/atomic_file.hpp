// Small private files written whole (the device's key file, the notes key files), and RAII for a
// file descriptor. The text goes to a temporary file of its own next to the target (mkstemp:
// 0600, O_EXCL), is fsynced, and only then takes the target's name, after which the folder is
// fsynced too. A reader sees the old file or the new one, never half of one, also after a power
// cut.
//
// replace_file_atomically renames over whatever is there (a key central hands over again).
// create_file_atomically never replaces: it links the temporary file to the name, which fails when
// the name exists, so of two processes creating a key at once exactly one wins and the other
// reads the winner's key (replacing a secret key would lose everything sealed with it).
//
// Ownership: FileDescriptor closes what it holds; the functions remove their temporary file on
// every failure. Thread: safe from several threads and processes at once (each write uses a
// temporary name of its own). Failure: FileWriteError naming the file, what failed and errno's
// text; the text written is never part of a message (it may be a key).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace onthaal::store {

// Owns an open descriptor (-1: none) and closes it.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor();
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

class FileWriteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

void replace_file_atomically(const std::string& path, std::string_view text);

// True when this call created the file; false when the name already existed (left untouched).
bool create_file_atomically(const std::string& path, std::string_view text);

}  // namespace onthaal::store
