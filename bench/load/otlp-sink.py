#!/usr/bin/env python3
# Usage: python3 bench/load/otlp-sink.py PORT: a stand-in OTLP/HTTP collector for measuring the exporter
# (docs/benchmarks.md, issue 14: bench/run-configs.sh with OTEL_EXPORTER_OTLP_ENDPOINT pointing here).
# Accepts OTLP/HTTP exports and throws them away: the exporter's cost without a collector's.
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
