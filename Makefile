# tipsom — the two commands are `make run` and `make test`.
SHELL := bash
GO    ?= go
ADDR  ?= 127.0.0.1:8080
DB    ?= sqlite:./var/tipsom.db

VENDOR_FILES := \
	ui/node_modules/htmx.org/dist/htmx.min.js \
	ui/node_modules/echarts/dist/echarts.min.js \
	ui/node_modules/d3-array/dist/d3-array.min.js \
	ui/node_modules/d3-geo/dist/d3-geo.min.js \
	ui/node_modules/topojson-client/dist/topojson-client.min.js \
	ui/node_modules/world-atlas/countries-110m.json \
	ui/node_modules/world-atlas/countries-50m.json

.PHONY: run test assets build ci clean

## run: install the front-end libraries, then serve the portal with demo data on http://$(ADDR)
run: assets
	$(GO) run ./cmd/tipsom serve --addr $(ADDR) --db '$(DB)' --demo

## test: the whole suite (both databases, the browser test, vet, gofmt, race)
test: assets
	scripts/test

## build: the tipsom binary in bin/
build: assets
	$(GO) build -o bin/tipsom ./cmd/tipsom

## assets: npm ci (pinned by ui/package-lock.json), then copy the libraries into ui/dist for embedding
assets: ui/dist/vendor/.stamp

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error

ui/dist/vendor/.stamp: ui/node_modules/.package-lock.json
	mkdir -p ui/dist/vendor
	cp $(VENDOR_FILES) ui/dist/vendor/
	touch $@

ci:
	CI=true scripts/test

clean:
	rm -rf bin ui/dist/vendor ui/node_modules
