# The stadium figures of bench/RESULTS.md, run by bench/stadium.sh: a 100,000-seat event
# (50 sections x 40 rows x 50 seats) on a fresh server, then the whole seat map's size (plain and
# gzipped, with a quarter of the seats held so the states are not all alike), its latency over
# 200 sequential reads, and the server's memory per seat: its RSS (VmRSS) before the layout is
# made, once the layout, the event and its blocks are stored (nothing of the event is in memory
# yet), and once the first seat-map read has loaded the event's live inventory.
#   python3 bench/stadium.py URL EMAIL PASSWORD SERVER_PID
# With --reload, on a server just started on the same database: its RSS before and after the first
# seat-map read of that event, which is what the layout, the event and its live inventory take
# when a process reads them back, with none of the making's leftovers.
#   python3 bench/stadium.py --reload URL SERVER_PID EVENT
import gzip, json, os, sys, time, urllib.request

def rss(): return rss_of(pid)
def rss_of(pid):
    with open('/proc/%s/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'): return int(line.split()[1]) * 1024
if sys.argv[1] == '--reload':
    base, pid, event = sys.argv[2], sys.argv[3], sys.argv[4]
    before = rss_of(pid)
    with urllib.request.urlopen(base + '/api/v1/events/%s/seat-map' % event) as r:
        seats = sum(len(s['states']) for s in json.loads(r.read())['sections'])
    print('read back by a fresh server: %d bytes per seat (RSS after its first seat-map read, less before)'
          % ((rss_of(pid) - before) // seats))
    sys.exit(0)
base, email, password, pid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def call(method, path, body=None, token=None, headers=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header('Content-Type', 'application/json')
    if token: req.add_header('Authorization', 'Bearer ' + token)
    for k, v in (headers or {}).items(): req.add_header(k, v)
    with urllib.request.urlopen(req) as r:
        return r.status, dict(r.headers), r.read()
_, _, b = call('POST', '/api/v1/sessions', {'email': email, 'password': password})
tok = json.loads(b)['token']
_, _, b = call('POST', '/api/v1/venues', {'name': 'Stadium %d' % os.getpid(), 'address': '1 Road', 'timezone': 'UTC'}, tok)
venue = json.loads(b)['id']
sections = [{'key': 'b%d' % k, 'name': 'Block %d' % k, 'kind': 'seated',
             'rows': [{'label': 'R%d' % r, 'from': 1, 'to': 50} for r in range(1, 41)]} for k in range(50)]
before = rss()
t = time.time()
_, _, b = call('POST', '/api/v1/venues/%s/layouts' % venue, {'name': 'Stadium', 'effective_from': '2020-01-01T00:00:00Z', 'sections': sections}, tok)
layout = json.loads(b)['id']
_, _, b = call('POST', '/api/v1/events', {'name': 'Stadium show', 'venue_id': venue, 'layout_id': layout,
   'starts_at': '2027-06-01T19:00:00Z', 'currency': 'EUR', 'sales_open_at': '2020-01-02T00:00:00Z', 'sales_close_at': '2027-06-01T18:00:00Z', 'max_tickets_per_buyer': 10}, tok)
ev = json.loads(b)
if 'id' not in ev: print(ev); sys.exit(1)
event = ev['id']
call('POST', '/api/v1/events/%s/ticket-types' % event, {'name': 'Standard', 'price': 5000}, tok)
call('POST', '/api/v1/events/%s/publish' % event, {}, tok)
print('created in %.1f s' % (time.time() - t))
print('stadium_event=%s' % event)
# A quarter of the seats taken (blocked, which has no per-buyer limit), at random, so that the
# states do not compress as if the map were empty.
import random
random.seed(7)
for k in range(50):
    seats = ['b%d/R%d/%d' % (k, r, n) for r in range(1, 41) for n in range(1, 51) if random.random() < 0.25]
    call('POST', '/api/v1/events/%s/blocks' % event, {'section': 'b%d' % k, 'seats': seats}, tok)
stored = rss()
_, h, plain = call('GET', '/api/v1/events/%s/seat-map' % event)
_, hz, zipped = call('GET', '/api/v1/events/%s/seat-map' % event, headers={'Accept-Encoding': 'gzip'})
assert hz.get('Content-Encoding') == 'gzip' and gzip.decompress(zipped) == plain
seats = sum(len(s['states']) for s in json.loads(plain)['sections'])
taken = sum(s['states'].count('b') for s in json.loads(plain)['sections'])
print('seats %d (%d taken), seat-map plain %d bytes, gzip %d bytes' % (seats, taken, len(plain), len(zipped)))
loaded = rss()
print('server memory: %d bytes per seat in all (RSS after the event and its map, less before the layout)' % ((loaded - before) // seats))
print('  of which %d while making the layout, the event and its blocks, %d when the first read loads its live inventory and map'
      % ((stored - before) // seats, (loaded - stored) // seats))
lat = []
for i in range(200):
    t = time.perf_counter(); call('GET', '/api/v1/events/%s/seat-map' % event, headers={'Accept-Encoding': 'gzip'}); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print('seat-map with gzip, 200 sequential reads: p50 %.2f ms, p99 %.2f ms' % (lat[100], lat[197]))
lat = []
for i in range(200):
    t = time.perf_counter(); call('GET', '/api/v1/events/%s/sections/b7/seats' % event); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print('one section (2,000 seats) without gzip: p50 %.2f ms' % lat[100])
lat = []
for i in range(200):
    t = time.perf_counter(); call('GET', '/healthz'); lat.append((time.perf_counter() - t) * 1000)
lat.sort()
print('healthz p50 %.2f ms' % lat[100])
