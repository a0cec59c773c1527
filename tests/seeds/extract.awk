# Extract the JSON profiles of a markdown tutorial: ``` blocks whose first
# line opens an object, and "NAME.json: |" block scalars inside YAML.
function flush() { if (out != "") { n++; f = sprintf("%s/%s-%d.json", dir, pre, n); printf "%s", out > f; close(f) } out = "" }
/^[ \t]*```/ {
	if (yaml_ind >= 0) { flush(); yaml_ind = -1 }
	if (inb) { if (json) flush(); inb = 0; json = 0; next }
	inb = 1; first = 1; json = 0; next
}
inb && yaml_ind >= 0 {
	if ($0 ~ /^\t/) { out = out $0 "\n"; next }  # tabs: the seed's own indentation
	match($0, /^[ \t]*/)
	if ($0 !~ /^[ \t]*$/ && RLENGTH <= yaml_ind) { flush(); yaml_ind = -1 }
	else { out = out substr($0, yaml_ind + 1) "\n"; next }
}
inb && !json {
	if (first && $0 ~ /^[ \t]*$/) next
	if (first && $0 ~ /^[ \t]*\{/) { json = 1; first = 0; out = $0 "\n"; next }
	first = 0
	if ($0 ~ /^[ \t]*[A-Za-z0-9_.-]+\.json:[ \t]*\|/) { match($0, /^[ \t]*/); yaml_ind = RLENGTH; out = "" }
	next
}
inb && json { out = out $0 "\n" }
