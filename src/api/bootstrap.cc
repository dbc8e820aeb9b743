#include "api/server.h"

namespace sbomhub::api {

Result<std::string> EnsureFirstAdmin(store::Store& store, const std::string& password, auth::HashCost cost) {
  SBOMHUB_ASSIGN_OR_RETURN(auto users, store.ListUsers(store::Page{1, 0}));
  if (!users.empty()) return std::string();
  std::string pw = password.empty() ? auth::NewOneTimePassword() : password;
  if (!password.empty()) SBOMHUB_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password).WithContext("SBOMHUB_ADMIN_PASSWORD"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(pw, cost));
  auto user = store.CreateUser("sbomhub serve (first start)", "admin", hash, store::Role::kAdmin);
  if (!user.ok()) {
    // Another server started at the same moment and won: nothing to print.
    if (user.status().code() == StatusCode::kAlreadyExists) return std::string();
    return user.status();
  }
  return pw;
}

}  // namespace sbomhub::api
