// The one explicit list of catalogers (no static self-registration). Order only affects which
// cataloger's copy of a duplicate package is kept when two report the same bom_ref from the same
// file; keep OS package databases first.
#include "generate/cataloger.h"
#include "generate/dpkg/dpkg_cataloger.h"
#include "generate/npm/npm_catalogers.h"
#include "generate/python/python_catalogers.h"
#include "generate/golang/golang_catalogers.h"
#include "generate/cargo/auditable_cataloger.h"
#include "generate/cargo/cargo_cataloger.h"
#include "generate/elf/elf_cataloger.h"
#include "generate/apk/apk_cataloger.h"
#include "generate/rpm/rpm_cataloger.h"
#include "generate/java/jar_cataloger.h"
#include "generate/java/java_catalogers.h"
#include "generate/ruby/gemfile_lock_cataloger.h"
#include "generate/php/composer_lock_cataloger.h"
#include "generate/dotnet/dotnet_catalogers.h"
#include "generate/cpp/cpp_catalogers.h"

namespace sbomhub::generate {

const std::vector<const Cataloger*>& AllCatalogers() {
  static const dpkg::DpkgCataloger kDpkg;
  static const npm::PackageLockCataloger kNpm;
  static const npm::YarnLockCataloger kYarn;
  static const npm::PnpmLockCataloger kPnpm;
  static const python::PoetryLockCataloger kPoetry;
  static const python::PipfileLockCataloger kPipenv;
  static const python::UvLockCataloger kUv;
  static const python::RequirementsCataloger kRequirements;
  static const python::InstalledPythonCataloger kPythonInstalled;
  static const golang::GoModCataloger kGoMod;
  static const golang::GoBinaryCataloger kGoBinary;
  static const cargo::CargoLockCataloger kCargo;
  static const cargo::CargoAuditableCataloger kCargoAuditable;
  static const elf::ElfCataloger kElf;
  static const apk::ApkCataloger kApk;
  static const rpm::RpmCataloger kRpm;
  static const java::GradleLockCataloger kGradle;
  static const java::PomCataloger kPom;
  static const java::JarCataloger kJar;
  static const ruby::GemfileLockCataloger kGem;
  static const php::ComposerLockCataloger kComposer;
  static const dotnet::NugetLockCataloger kNuget;
  static const dotnet::DepsJsonCataloger kDeps;
  static const cpp::ConanLockCataloger kConan;
  static const cpp::VcpkgCataloger kVcpkg;
  static const cpp::CMakeFetchCataloger kCMake;
  static const std::vector<const Cataloger*> kAll = {
      // OS package databases
      &kDpkg, &kApk, &kRpm,
      // language lockfiles and manifests
      &kNpm, &kYarn, &kPnpm, &kPoetry, &kPipenv, &kUv, &kRequirements, &kPythonInstalled, &kGoMod,
      &kCargo, &kGradle, &kPom, &kGem, &kComposer, &kNuget, &kDeps, &kConan, &kVcpkg, &kCMake,
      // binaries
      &kJar, &kGoBinary, &kCargoAuditable, &kElf};
  return kAll;
}

}  // namespace sbomhub::generate
