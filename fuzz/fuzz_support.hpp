// What the fuzz targets share: a store copied afresh from a template for every input, and the
// report of an exception that no parser documents.
//
// Each target (fuzz/*_fuzz.cpp) calls the real parser and accepts only a value or the error that
// parser's header documents; anything else reaches unexpected_exception and counts as a crash.
// Thread: libFuzzer runs inputs one at a time on one thread. Failure: TemplateStore throws
// StoreError when the temporary store cannot be written (the target then stops: no input ran).
#pragma once

#include <exception>
#include <functional>
#include <string>

#include "local_store/sqlite_database.hpp"

namespace onthaal::fuzz {

// Prints the exception's type and message and aborts, so libFuzzer keeps the input as a crash.
[[noreturn]] void unexpected_exception(const char* target);

// Aborts with `what` unless `holds`: a property the parser's header promises of its result.
void require(bool holds, const char* target, const char* what);

// A store file built once per process and copied for each input, so no input sees what an earlier
// one wrote and a crash reproduces from its input alone. The copy lives under $ONTHAAL_FUZZ_TMP,
// else /dev/shm when it can (no disk writes at hundreds of inputs per second), else $TMPDIR.
class TemplateStore {
  public:
    // `fill` creates the template at the path it is given: opens, migrates, adds its records and
    // closes the store.
    explicit TemplateStore(const std::function<void(const std::string& path)>& fill);
    ~TemplateStore();
    TemplateStore(const TemplateStore&) = delete;
    TemplateStore& operator=(const TemplateStore&) = delete;

    // A connection to a new copy of the template; the previous copy (closed by then) is replaced.
    // Synchronous writes are off: what an input writes need not survive a power cut.
    store::Database fresh_copy();

  private:
    std::string dir_;
    std::string image_;  // the template's bytes (a checkpointed, closed WAL store)
};

}  // namespace onthaal::fuzz
