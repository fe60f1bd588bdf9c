package gate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// shapesImage reports whether a result metadata key sets what the image
// exporter writes into the image: its configuration (user, entrypoint,
// environment, ...), its base image's, and which result is which
// platform. The frontend sets these; anything else that sets them would
// change the image after the frontend judged it.
func shapesImage(key string) bool {
	return strings.HasPrefix(key, "containerimage.") || key == "refs.platforms"
}

// exporterReasons judges exporter attributes. BuildKit's image exporters
// copy every attribute they do not know into the result's metadata, over
// what the frontend set, so an attribute such as containerimage.config
// would replace the image configuration the frontend produced.
func exporterReasons(exporter string, attrs map[string]string) []string {
	var why []string
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if shapesImage(k) {
			why = append(why, fmt.Sprintf(
				"exporter %s attribute %q would override the image the frontend built", exporter, k))
		}
	}
	return why
}
