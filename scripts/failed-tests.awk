# Prints each failed test of the TRX files given: its name, then the first lines of its message (indented).
# Used by scripts/test.sh. TRX writes a test's start tag on one line; the message may span lines.
function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
  gsub(/&#xD;|&#xA;|\r/, "", s); gsub(/&amp;/, "\\&", s)
  return s
}
/<UnitTestResult / {
  failed = ($0 ~ /outcome="Failed"/)
  inmsg = 0
  if (failed) {
    name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
    printf "FAILED %s\n", unescape(name)
    lines = 0
  }
}
failed && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
failed && inmsg {
  line = $0; last = (line ~ /<\/Message>/); sub(/<\/Message>.*/, "", line)
  if (lines < 12) printf "    %s\n", unescape(line)
  else if (lines == 12) print "    …"
  lines++
  if (last) { inmsg = 0; failed = 0 }
}
