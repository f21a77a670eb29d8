#!/usr/bin/env python3
# For bench/run-telemetry.sh. Usage: python3 otlp-sink.py PORT
# Accepts OTLP/HTTP exports and throws them away: the exporter's cost without a collector's.
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
