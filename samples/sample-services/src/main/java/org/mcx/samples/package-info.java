/**
 * Sample MC service servers, for the demo, for tests and for trying an application against: they
 * stand for servers that run elsewhere, so they use nothing of the backend.
 *
 * <p>{@link org.mcx.samples.SampleServer}: plain HTTP/1.1 on 127.0.0.1 and a free port,
 * JSON in and out ({@code Content-Type: application/json}). Every answer, errors included, carries
 * {@code "instance"} (which server answered, e.g. {@code gm-2}; never a host or port) and echoes the
 * headers the service access server adds, {@code MC-Service-Id} as {@code "mcServiceId"} and
 * {@code MC-Priority} as {@code "priority"} (null when absent). Paths live below the server's base
 * path (default {@code /gm}, {@code /cm}, {@code /mcptt}, {@code /idm}):
 *
 * <table>
 * <caption>Routes</caption>
 * <tr><th>kind</th><th>interface</th><th>routes</th></tr>
 * <tr><td>GM</td><td>CSC-2</td><td>GET /groups; GET /groups/{id}; GET /groups/{id}/members;
 *     POST /groups/{id}/members {"mcServiceId","role"?} → 201 (409 if already a member)</td></tr>
 * <tr><td>CM</td><td>CSC-4</td><td>GET /configuration/users/{mcServiceId} (403 for another user than
 *     MC-Service-Id); GET /configuration/service</td></tr>
 * <tr><td>MCPTT</td><td>MCPTT-1</td><td>GET /capabilities; POST /calls {"type":"group","groupId"} or
 *     {"type":"private","calledId"} → 201 with a call id; GET /calls/{id}</td></tr>
 * <tr><td>IDM</td><td>CSC-1</td><td>GET /identity/userinfo (401 without MC-Service-Id)</td></tr>
 * </table>
 *
 * <p>Errors are {@code {"error": code, "message": text}}: 400 bad body, 404 unknown path, 405 wrong
 * method (with {@code Allow}), 413 body over 64 KiB (counted as it arrives, whatever
 * {@code Content-Length} says), 415 not JSON. They send {@code Server} and {@code X-Powered-By}
 * on purpose: the service access server must not pass them on. Instances of one kind started
 * together share their data, so load spreading never loses a group member or a call.
 *
 * <p>{@link org.mcx.samples.ServiceRegistrar} keeps one registered on /registration;
 * {@link org.mcx.samples.SampleServices} runs a set (by default gm-1, gm-2, cm-1, mcptt-1,
 * mcptt-2, idm-1) as one service node.
 *
 */
package org.mcx.samples;
