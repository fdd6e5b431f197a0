// Who may read the agent's files at rest (issue 12, item 6): the store, its WAL and SHM, the key
// file and the device token belong to the service user alone.
//
// restrict_new_files() sets the process umask to 077 at start, so every file SQLite or the agent
// creates later (store, -wal, -shm, key file) is 0600 and every folder 0700; SQLite gives the WAL
// and SHM the main file's mode. make_store_files_private() tightens a store that an older version
// left 0644. require_private_file() is the start-up check for secrets that somebody else put in
// place (the token file): it refuses rather than repairs, because a readable token may already
// have been copied and should be replaced, not hidden.
// Thread: call at start-up, before other threads exist (umask is process-wide).
// Failure: require_private_file throws PrivateFileError naming the file, its mode and the fix;
// make_store_files_private throws PrivateFileError when chmod fails.
#pragma once

#include <stdexcept>
#include <string>

namespace onthaal::store {

class PrivateFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

void restrict_new_files();

// `setting` names where the path came from ("device_token_file"). A missing file is not an
// error here (whoever reads it reports that); a file group or others may read or write is.
void require_private_file(const std::string& path, const std::string& setting);

// chmod 0600 the store file and its -wal and -shm when they exist and are more open than that.
void make_store_files_private(const std::string& store_path);

// A file's permission bits as in messages and `chmod`: "0644".
std::string mode_text(unsigned mode);

}  // namespace onthaal::store
