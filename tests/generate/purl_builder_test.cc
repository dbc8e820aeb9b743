#include <gtest/gtest.h>

#include "generate/purl_builder.h"

namespace sbomhub::generate {
namespace {

TEST(PurlBuilder, EncodesScopeAtSignAndPlus) {
  EXPECT_EQ(SimplePurl("npm", "@angular", "animation", "12.3.1"), "pkg:npm/%40angular/animation@12.3.1");
  EXPECT_EQ(SimplePurl("deb", "debian", "libc6", "2.36-9+deb12u4"), "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4");
}

TEST(PurlBuilder, KeepsColonAndSortsQualifiersDroppingEmptyOnes) {
  PurlParts p;
  p.type = "OCI";
  p.name = "debian";
  p.version = "sha256:244fd47e07d10";
  p.qualifiers = {{"tag", "latest"}, {"repository_url", "docker.io/library/debian"}, {"arch", "amd64"}, {"x", ""}};
  EXPECT_EQ(BuildPurl(p),
            "pkg:oci/debian@sha256:244fd47e07d10?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=latest");
}

TEST(PurlBuilder, EncodesNamespaceSegmentsSeparatelyAndSubpath) {
  PurlParts p;
  p.type = "golang";
  p.namespace_ = "github.com/gorilla";
  p.name = "context";
  p.version = "v1.1.1";
  p.subpath = "api/./../v 2";
  EXPECT_EQ(BuildPurl(p), "pkg:golang/github.com/gorilla/context@v1.1.1#api/v%202");
}

TEST(PurlBuilder, NormalizesPypiNamesPerPep503) {
  EXPECT_EQ(NormalizePypiName("Django_REST.framework"), "django-rest-framework");
  EXPECT_EQ(NormalizePypiName("zope..interface"), "zope-interface");
}

}  // namespace
}  // namespace sbomhub::generate
