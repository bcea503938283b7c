# Used by test.sh: GDAL's command-line programs (ogrinfo, ogr2ogr from Debian's gdal-bin), with which the API tests read
# the OGC API Features endpoints as a GIS client does, installed if missing. Source it; do not execute it.

ensure_gdal_tools() {
  if command -v ogrinfo >/dev/null && command -v ogr2ogr >/dev/null; then
    return 0
  fi
  echo "Installing gdal-bin from Debian packages..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gdal-bin >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gdal-bin >/dev/null; }
}
