package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
)

// Metrics counts requests and their latency by route pattern and status.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	body     *prometheus.CounterVec
}

// NewMetrics returns metrics on a registry of their own (no global state),
// with the Go runtime and process collectors.
func NewMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tipsom_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tipsom_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		body: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tipsom_http_request_body_read_bytes_total", Help: "Bytes of request bodies that handlers read, by route pattern.",
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency, m.body,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

func (m *Metrics) observe(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

func (m *Metrics) read(route string, n int64) {
	if m == nil || n == 0 {
		return
	}
	m.body.WithLabelValues(route).Add(float64(n))
}

// BodyRead is how many bytes of request bodies the handlers of route have
// read so far: a refused upload should have read none of its file.
func (m *Metrics) BodyRead(route string) int64 {
	var d dto.Metric
	if err := m.body.WithLabelValues(route).Write(&d); err != nil {
		return 0
	}
	return int64(d.GetCounter().GetValue())
}

// Handler serves the Prometheus text exposition.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}
