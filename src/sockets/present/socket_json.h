// JSON records for sockets: ss's columns as fields, plus tcp_info (-i), memory (-m) and
// owning processes (-p) when they were asked for. Units are in the field names.
#pragma once

#include "core/json_record.h"
#include "sockets/present/endpoint_text.h"
#include "sockets/model.h"

namespace netlens::sockets {

JsonRecord socket_json(const Socket& socket, const InterfaceNamer& interface_name);
JsonRecord tcp_info_json(const TcpInfo& info);

}  // namespace netlens::sockets
