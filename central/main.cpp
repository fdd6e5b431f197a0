// onthaal-central: the reference central sync server and its admin commands.
#include "central/central_command.hpp"

int main(int argc, char** argv) {
    return onthaal::central::run_central_command(std::vector<std::string>(argv + 1, argv + argc));
}
