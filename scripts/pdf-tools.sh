# Shared by test.sh and run.sh: what the meeting packs' PDFs need on the machine, from Debian's packages, installed if
# missing. fonts-dejavu-core: the font the PDF embeds (PDFsharp finds no system fonts on Linux by itself);
# poppler-utils: pdftoppm, with which the API tests render the pack's pages to PNG. Source it; do not execute it.

ensure_pdf_tools() {
  if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] && command -v pdftoppm >/dev/null; then
    return 0
  fi
  echo "Installing fonts-dejavu-core and poppler-utils from Debian packages..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-dejavu-core poppler-utils >/dev/null 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-dejavu-core poppler-utils >/dev/null; }
}
