package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// chartHarness loads ui/static/js/chart.js in Node with just enough of a
// browser and of ECharts to capture the options it draws a flows chart
// with, then prints what the tooltip shows for a node and for a link
// whose group names are hostile HTML.
const chartHarness = `
const fs = require("fs");
let options;
const spec = {type: "sankey",
  nodes: [{id: "o:1", label: "<img src=x onerror=alert(1)>"}, {id: "d:2", label: "Région \"A\" & <b>B</b>"}],
  links: [{source: "o:1", target: "d:2", value: 7}]};
const el = {getAttribute: () => "spec", setAttribute() {}, classList: {add() {}}, querySelectorAll: () => []};
global.window = {echarts: {init: () => ({setOption: (o) => { options = o; }, resize() {}})}, addEventListener() {}};
global.document = {readyState: "complete", documentElement: {dir: "ltr"},
  getElementById: () => ({textContent: JSON.stringify(spec)}), querySelectorAll: () => [el]};
eval(fs.readFileSync(process.argv[2], "utf8"));
const f = options.tooltip.formatter;
console.log(f({dataType: "node", name: "o:1", value: 7}));
console.log(f({dataType: "edge", data: {source: "o:1", target: "d:2", value: 7}}));
`

// TestFlowsTooltipEscapesNames: the flows chart's tooltip, which ECharts
// renders as HTML, shows group names as text: no tag a name holds reaches
// the page.
func TestFlowsTooltipEscapesNames(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(harness, []byte(chartHarness), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, harness, filepath.Join("..", "..", "ui", "static", "js", "chart.js")).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	want := []string{
		"&lt;img src=x onerror=alert(1)&gt;: 7",
		"&lt;img src=x onerror=alert(1)&gt; → Région &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;: 7",
	}
	if len(got) != len(want) {
		t.Fatalf("tooltips: %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tooltip %d = %q, want %q", i, got[i], want[i])
		}
	}
}
