// onthaal-central: the reference central sync server and its admin commands.
#include "central/central_command.hpp"
#include "local_store/private_files.hpp"

int main(int argc, char** argv) {
    // Central's database holds every site's hash key and its clients: files it creates (the
    // database, its WAL and SHM, export files) are its service user's alone.
    onthaal::store::restrict_new_files();
    return onthaal::central::run_central_command(std::vector<std::string>(argv + 1, argv + argc));
}
