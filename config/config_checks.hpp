// Per-setting checks named in settings.def. Each returns an empty string when the value is fine,
// else the reason (completed by the caller with the setting's name). Pure; thread-safe.
#pragma once

#include <string>

namespace onthaal::config {

std::string no_check(const std::string& value);
std::string check_non_empty(const std::string& value);
std::string check_site_id(const std::string& value);
std::string check_role(const std::string& value);
std::string check_queue_prefix(const std::string& value);
std::string check_kiosk_slip(const std::string& value);
std::string check_listen(const std::string& value);
std::string check_central_url(const std::string& value);
std::string check_log_level(const std::string& value);

}  // namespace onthaal::config
