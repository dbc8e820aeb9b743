// The one explicit list of catalogers (no static self-registration). Order only affects which
// cataloger's copy of a duplicate package is kept when two report the same bom_ref from the same
// file; keep OS package databases first.
#include "generate/cataloger.h"
#include "generate/dpkg/dpkg_cataloger.h"

namespace sbomhub::generate {

const std::vector<const Cataloger*>& AllCatalogers() {
  static const dpkg::DpkgCataloger kDpkg;
  static const std::vector<const Cataloger*> kAll = {&kDpkg};
  return kAll;
}

}  // namespace sbomhub::generate
