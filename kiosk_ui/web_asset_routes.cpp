#include "kiosk_ui/web_assets.hpp"

namespace onthaal::http {
namespace {

std::string_view content_type(std::string_view path) {
    if (path.ends_with(".html")) return "text/html; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

}  // namespace

std::optional<HttpResponse> serve_web_asset(std::string_view path) {
    if (path == "/" || path == "/kiosk") path = "/kiosk.html";
    if (path == "/desk") path = "/desk.html";
    if (path == "/coach") path = "/coach.html";
    if (path == "/display") path = "/display.html";
    for (const WebAsset& asset : web_assets()) {
        if (asset.path != path) continue;
        HttpResponse r;
        r.body = std::string(asset.content);
        r.set_header("Content-Type", std::string(content_type(path)));
        // Assets change only with the binary; revalidation is cheap on loopback and avoids stale
        // pages.
        r.set_header("Cache-Control", "no-cache");
        return r;
    }
    return std::nullopt;
}

}  // namespace onthaal::http
