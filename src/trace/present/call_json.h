// The NDJSON object of one traced call, and of the signal and exit events beside it.
// Keys are stable snake_case with units in the name (ts_us, duration_us, payload_bytes);
// a key is left out when its fact is unknown (no retval for a call that never returned).
#pragma once

#include "core/json.h"
#include "trace/trace_model.h"

namespace netlens::trace {

// {"type":"syscall","pid":..,"tid":..,"ts_us":..,"name":"connect","args":[..],
//  "args_named":{..},"retval":-1,"errno":"ECONNREFUSED","error":"Connection refused",
//  "duration_us":61.2,"socket":{..},"payload_text"|"payload_base64":..,"payload_bytes":..}
Json call_json(const CallRecord& record);

// {"type":"signal","pid":..,"tid":..,"ts_us":..,"signal":"SIGCHLD","siginfo":{..}}
Json signal_json(const SignalDelivery& delivery);

// {"type":"exit","pid":..,"tid":..,"ts_us":..,"exit_code":0} or ..."killed_by":"SIGKILL"
Json exit_json(const TraceeExit& exit);

// The socket identity alone (also used by the -c JSON).
Json socket_json(const SocketIdentity& socket);

}  // namespace netlens::trace
