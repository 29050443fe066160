"""perf samples of a server process summed by component (the kernel, the JIT thread, Kestrel, Alerts code ...): perf_groups.py A.perf [B.perf] NAME_A [NAME_B]."""
import re,sys,collections,subprocess
def groups(perf):
    out=subprocess.run(['perf','report','-i',perf,'--no-children','--sort','comm,sym','--stdio','-g','none'],capture_output=True,text=True).stdout
    g=collections.Counter()
    for line in out.splitlines():
        m=re.match(r'\s*([\d.]+)%\s+(.+?)\s+\[(.)\]\s+(.*)',line)
        if not m: continue
        p=float(m.group(1)); comm=m.group(2).strip(); k=m.group(3); s=m.group(4)
        if 'Tiered Com' in comm: key='JIT (tiered compilation thread)'
        elif 'GC' in comm: key='GC threads'
        elif 'Kestrel Timer' in comm: key="Kestrel's heartbeat (walks every connection each second)"
        elif k=='k': key='kernel (TCP send/receive, scheduling)'
        elif '[Alerts.' in s: key='Alerts code'
        elif 'Garnet' in s or 'Tsavorite' in s: key='embedded Garnet'
        elif 'StackExchange' in s: key='StackExchange.Redis'
        elif 'System.Net.WebSockets' in s or 'Microsoft.AspNetCore.WebSockets' in s: key='WebSocket framing'
        elif 'Kestrel' in s or 'System.IO.Pipelines' in s or 'Microsoft.AspNetCore' in s: key='Kestrel and pipelines'
        elif 'System.Net.Sockets' in s: key='System.Net.Sockets'
        elif 'LowLevelLifoSemaphore' in s or 'ThreadPool' in s or 'sched_yield' in s: key='thread pool'
        elif '[System.' in s: key='other BCL (tasks, collections, text)'
        else: key='runtime and native (stubs, allocation, write barriers)'
        g[key]+=p
    return g
a = groups(sys.argv[1])
b = groups(sys.argv[2]) if len(sys.argv) > 2 else {}
keys=sorted(set(a)|set(b), key=lambda k:-a.get(k,0))
print('| share of the process CPU samples | '+sys.argv[3]+' | '+ (sys.argv[4] if len(sys.argv)>4 else '')+' |'); print('|---|---:|---:|')
for k in keys: print(f'| {k} | {a.get(k,0):.1f} % | {b.get(k,0):.1f} % |')
