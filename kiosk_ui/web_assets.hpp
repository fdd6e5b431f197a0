// The kiosk and desk pages (kiosk_ui/web/), compiled into the binary by cmake/embed_assets.cmake,
// so the agent works offline with nothing but itself. Read-only; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "net/http_message.hpp"

namespace onthaal::http {

struct WebAsset {
    std::string_view path;  // "/kiosk.js"
    std::string_view content;
};

const std::vector<WebAsset>& web_assets();

// The page or file for a GET path ("/" is the kiosk, "/desk" the desk, "/coach" the coach), or
// nullopt.
std::optional<HttpResponse> serve_web_asset(std::string_view path);

}  // namespace onthaal::http
