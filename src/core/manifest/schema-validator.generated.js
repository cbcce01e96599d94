// Generated from schemas/flotilla.schema.json by scripts/gen-schema-validator.mjs: do not edit.
"use strict";
module.exports = validate10;
module.exports.default = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://flotilla.dev/schemas/flotilla.schema.json","title":"Flotilla manifest","description":"Services to run as pods on one or more Docker engines (flotilla.yaml, *.flotilla.yaml).","type":"object","additionalProperties":false,"required":["version","services"],"properties":{"version":{"const":1,"description":"Manifest format version.","examples":[1]},"project":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$","description":"Project name, used in every label and object name; default: the folder's name.","examples":["shop"]},"nodes":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/node"},"description":"Docker engines to run on; default: one node, the local engine.","examples":[[{"name":"local"}]]},"services":{"type":"object","minProperties":1,"propertyNames":{"pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},"additionalProperties":{"$ref":"#/definitions/service"},"description":"The services, by name. The name is also the host name other services use to reach it.","examples":[{"web":{"containers":{"app":{"image":"shop/web:2"}}}}]},"volumes":{"type":"object","propertyNames":{"pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},"description":"Named volumes. They outlive pods and deploys; `flotilla down --volumes` removes them.","examples":[{"uploads":{}}],"additionalProperties":{"type":"object","additionalProperties":false,"description":"A named volume.","examples":[{}],"properties":{"labels":{"type":"object","additionalProperties":{"type":"string","description":"Label value."},"description":"Extra labels on the volume.","examples":[{"team":"shop"}]}}}},"allow":{"type":"array","uniqueItems":true,"description":"Host-level powers this manifest may hand to containers; without an entry, `up` refuses the setting.","examples":[["docker-socket"]],"items":{"type":"string","enum":["privileged","host-network","host-pid","cap-add","devices","docker-socket","host-paths","public-ports"],"description":"A power to allow."}}},"definitions":{"duration":{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$","description":"A duration: a number with ms, s, m or h.","examples":["10s","500ms","2m"]},"memory":{"description":"An amount of memory: bytes, or a number with Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal), as in Kubernetes.","examples":["128Mi","1Gi","512M"],"anyOf":[{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},{"type":"integer","minimum":0}]},"cpus":{"description":"CPUs: a number (0.5 is half a core) or millicores such as \"500m\".","examples":[0.5,"250m",2],"anyOf":[{"type":"number","exclusiveMinimum":0},{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"}]},"percent":{"description":"A percentage such as \"70%\" (a bare number is read as percent).","examples":["70%",80],"anyOf":[{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?%$"},{"type":"number","exclusiveMinimum":0}]},"intOrPercent":{"description":"A number of pods, or a percentage of the replicas such as \"25%\".","examples":[1,"25%"],"anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?%$"}]},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"A port number, from 1 to 65535.","examples":[8080]},"hostIp":{"type":"string","description":"Host address to bind, IPv4 or IPv6. Loopback (127.0.0.1, any 127.x.x.x, ::1) keeps the port on this machine; any other address (0.0.0.0, ::, a LAN address) opens it to the network and needs allow: [public-ports].","default":"127.0.0.1","examples":["127.0.0.1","0.0.0.0"]},"resources":{"type":"object","additionalProperties":false,"description":"Limits (enforced by the engine) and reservations (used for placement and autoscaling).","examples":[{"cpus":0.5,"memory":"128Mi","reserve":{"cpus":0.25,"memory":"64Mi"}}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"CPU limit: the container gets at most this many cores' worth of time."},"memory":{"$ref":"#/definitions/memory","description":"Memory limit: the container is OOM-killed above it. Docker needs at least 6Mi."},"reserve":{"type":"object","additionalProperties":false,"description":"What the container is guaranteed: placement refuses nodes without this much free, and autoscaling measures usage against it.","examples":[{"cpus":0.25,"memory":"64Mi"}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"Reserved CPUs (also sets the container's CPU shares relative to others)."},"memory":{"$ref":"#/definitions/memory","description":"Reserved memory (a soft limit the engine reclaims towards under pressure)."}}}}},"health":{"type":"object","additionalProperties":false,"description":"A probe Flotilla runs against the container: exactly one of http, tcp or exec, with timing as in Kubernetes. A pod is healthy when all its probed containers are.","examples":[{"http":{"path":"/healthz","port":8080},"interval":"10s"}],"properties":{"http":{"type":"object","additionalProperties":false,"required":["port"],"description":"HTTP GET through the port published on 127.0.0.1; healthy on a status from 200 to 399 within the timeout.","examples":[{"path":"/healthz","port":8080}],"properties":{"path":{"type":"string","description":"Path to request.","default":"/","examples":["/healthz"]},"port":{"$ref":"#/definitions/port","description":"Container port to probe."}}},"tcp":{"type":"object","additionalProperties":false,"required":["port"],"description":"Healthy when a TCP connection opens within the timeout.","examples":[{"port":5432}],"properties":{"port":{"$ref":"#/definitions/port","description":"Container port to connect to."}}},"exec":{"type":"array","minItems":1,"items":{"type":"string"},"description":"Command run inside the container through the engine's exec API (no shell unless you name one); healthy on exit code 0 within the timeout.","examples":[["pg_isready","-U","postgres"]]},"interval":{"$ref":"#/definitions/duration","description":"Time between probes.","default":"10s"},"timeout":{"$ref":"#/definitions/duration","description":"How long one probe may take before it counts as failed.","default":"1s"},"failureThreshold":{"type":"integer","minimum":1,"description":"Failed probes in a row before the container is unhealthy (and restarted).","default":3,"examples":[3]},"successThreshold":{"type":"integer","minimum":1,"description":"Passing probes in a row before an unhealthy container is healthy again.","default":1,"examples":[1]},"startPeriod":{"$ref":"#/definitions/duration","description":"Grace period after start during which failed probes do not count.","default":"0s"}},"$comment":"Exactly one check: oneOf over single-key required branches gives ajv errors that name the keys (schema-validate.ts words them \"needs one of\" / \"must use only one of\"). Each branch also lists its key under properties (true: no constraint) only so that ajv strict mode (strictRequired) accepts it; the check itself is described under properties.","oneOf":[{"required":["http"],"properties":{"http":true}},{"required":["tcp"],"properties":{"tcp":true}},{"required":["exec"],"properties":{"exec":true}}]},"mount":{"type":"object","description":"A mount: a named volume ({name, path}) or a host folder ({hostPath, path}).","examples":[{"name":"uploads","path":"/srv/uploads"},{"hostPath":"./config","path":"/etc/app","readOnly":true}],"anyOf":[{"additionalProperties":false,"required":["name","path"],"properties":{"name":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$","description":"A volume declared under the top-level volumes.","examples":["uploads"]},"path":{"type":"string","description":"Where it appears in the container.","examples":["/srv/uploads"]},"readOnly":{"type":"boolean","description":"Mount read-only.","default":false}}},{"additionalProperties":false,"required":["hostPath","path"],"properties":{"hostPath":{"type":"string","description":"Host folder or file, relative to the manifest's folder. Outside the workspace it needs allow: [host-paths].","examples":["./config"]},"path":{"type":"string","description":"Where it appears in the container.","examples":["/etc/app"]},"readOnly":{"type":"boolean","description":"Mount read-only.","default":false}}}]},"container":{"type":"object","additionalProperties":false,"required":["image"],"description":"One container of the pod.","examples":[{"image":"shop/web:2","command":["httpd","-f","-p","8080"]}],"properties":{"image":{"type":"string","minLength":1,"description":"Image reference; it must be on the engine (Flotilla does not pull).","examples":["shop/web:2"]},"command":{"type":"array","items":{"type":"string"},"description":"Replaces the image's CMD. A list: no shell is involved unless you name one.","examples":[["httpd","-f","-p","8080"]]},"entrypoint":{"type":"array","items":{"type":"string"},"description":"Replaces the image's ENTRYPOINT.","examples":[["/bin/sh","-c"]]},"workingDir":{"type":"string","description":"Working directory inside the container.","examples":["/app"]},"user":{"type":"string","description":"User (and group) to run as.","examples":["1000:1000"]},"env":{"type":"object","description":"Environment variables. Other services are reachable by their name, e.g. http://api:9000.","examples":[{"API_URL":"http://api:9000"}],"additionalProperties":{"description":"The variable's value.","anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"}]}},"ports":{"type":"array","description":"Ports published straight from this container, on 127.0.0.1 by default. Leave hostPort out for an ephemeral port; a fixed one allows a single replica.","examples":[[{"port":5432,"hostPort":15432}]],"items":{"type":"object","additionalProperties":false,"required":["port"],"description":"A published port.","examples":[{"port":5432}],"properties":{"port":{"$ref":"#/definitions/port","description":"Port inside the container."},"hostPort":{"$ref":"#/definitions/port","description":"Port on the host; default: one the engine picks."},"hostIp":{"$ref":"#/definitions/hostIp"},"protocol":{"type":"string","enum":["tcp","udp"],"description":"Transport protocol.","default":"tcp"}}}},"resources":{"$ref":"#/definitions/resources"},"volumes":{"type":"array","items":{"$ref":"#/definitions/mount"},"description":"Named volumes and host folders to mount. Containers of one pod may share a named volume.","examples":[[{"name":"logs","path":"/var/log/app"}]]},"health":{"$ref":"#/definitions/health"},"privileged":{"type":"boolean","description":"Full access to the host. Needs allow: [privileged].","default":false},"capAdd":{"type":"array","items":{"type":"string"},"description":"Kernel capabilities to add. Needs allow: [cap-add].","examples":[["NET_ADMIN"]]},"devices":{"type":"array","items":{"type":"string"},"description":"Host devices to hand to the container. Needs allow: [devices].","examples":[["/dev/fuse"]]},"stopSignal":{"type":"string","description":"Signal that asks the container to stop; the default is the image's (usually SIGTERM).","examples":["SIGINT"]}}},"service":{"type":"object","additionalProperties":false,"required":["containers"],"description":"A service: replicas of one pod, reachable by the service's name.","examples":[{"replicas":2,"containers":{"app":{"image":"shop/web:2"}}}],"properties":{"replicas":{"type":"integer","minimum":0,"maximum":1000,"description":"How many pods to keep running. With autoscale, the starting count (default: autoscale.min).","default":1,"examples":[2]},"containers":{"type":"object","minProperties":1,"propertyNames":{"pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},"additionalProperties":{"$ref":"#/definitions/container"},"description":"The pod's containers, in order. They share localhost and may share volumes; the first owns the pod's network, so when it dies the whole pod is replaced.","examples":[{"app":{"image":"shop/web:2"},"log-drain":{"image":"shop/logdrain:1"}}]},"expose":{"type":"object","additionalProperties":false,"required":["port"],"description":"A service port on the host, balanced across the healthy replicas.","examples":[{"port":8080,"hostPort":18080}],"properties":{"port":{"$ref":"#/definitions/port","description":"Port the pods listen on."},"hostPort":{"$ref":"#/definitions/port","description":"Port on the host that balances across replicas."},"hostIp":{"$ref":"#/definitions/hostIp"},"balance":{"type":"string","enum":["round-robin","least-connections"],"description":"How new connections pick a replica.","default":"round-robin"}}},"health":{"$ref":"#/definitions/health","description":"A probe for the pod, run against its first container (a container's own health takes its place)."},"restart":{"type":"string","enum":["always","on-failure","never"],"description":"What to do when a container stops: always restart it, only when it failed (non-zero exit), or never.","default":"always"},"stopGracePeriod":{"$ref":"#/definitions/duration","description":"Time between the stop signal and a kill, one period for the whole pod: every container gets the signal at once, and the kill at the same deadline.","default":"10s"},"hostNetwork":{"type":"boolean","description":"Use the host's network namespace. Needs allow: [host-network].","default":false},"hostPid":{"type":"boolean","description":"Share the host's process namespace. Needs allow: [host-pid].","default":false},"deploy":{"type":"object","additionalProperties":false,"description":"How a new version replaces the running one.","examples":[{"strategy":"blue-green","minHealthyTime":"5s"}],"properties":{"strategy":{"type":"string","enum":["blue-green","rolling"],"description":"blue-green starts the whole new set and switches at once; rolling replaces pods in batches.","default":"rolling"},"maxSurge":{"$ref":"#/definitions/intOrPercent","description":"Rolling: pods allowed above the replica count during a deploy.","default":"25%"},"maxUnavailable":{"$ref":"#/definitions/intOrPercent","description":"Rolling: pods allowed below the replica count during a deploy.","default":"25%"},"minHealthyTime":{"$ref":"#/definitions/duration","description":"How long new pods must stay healthy before they count.","default":"5s"},"healthyDeadline":{"$ref":"#/definitions/duration","description":"A deploy not healthy by then fails (and rolls back with autoRollback).","default":"2m"},"drainTimeout":{"$ref":"#/definitions/duration","description":"How long old pods keep their open connections before they stop.","default":"10s"},"autoRollback":{"type":"boolean","description":"Return to the previous revision when a deploy fails.","default":true},"history":{"type":"integer","minimum":1,"maximum":100,"description":"Revisions kept for rollback.","default":10,"examples":[10]}}},"autoscale":{"type":"object","additionalProperties":false,"required":["min","max"],"description":"Replica bounds and usage targets; the replica count moves within them.","examples":[{"min":1,"max":6,"cpu":"70%"}],"properties":{"min":{"type":"integer","minimum":0,"description":"Fewest replicas.","examples":[1]},"max":{"type":"integer","minimum":1,"maximum":1000,"description":"Most replicas.","examples":[6]},"cpu":{"$ref":"#/definitions/percent","description":"Target average CPU usage, relative to the reservation (or the limit)."},"memory":{"$ref":"#/definitions/percent","description":"Target average memory usage, relative to the reservation (or the limit)."},"schedule":{"type":"array","description":"Windows that raise the bounds, e.g. working hours.","examples":[[{"cron":"0 9 * * 1-5","min":3}]],"items":{"type":"object","additionalProperties":false,"required":["cron"],"description":"A window starting at each cron match.","examples":[{"cron":"0 9 * * 1-5","min":3}],"properties":{"cron":{"type":"string","description":"Five-field cron expression for when the window starts.","examples":["0 9 * * 1-5"]},"min":{"type":"integer","minimum":0,"description":"Fewest replicas during the window.","examples":[3]},"max":{"type":"integer","minimum":1,"description":"Most replicas during the window.","examples":[10]}}}}}},"placement":{"type":"string","enum":["spread","binpack"],"description":"Across several nodes: spread puts each pod on the node with the fewest of this service's pods; binpack fills the fullest node that still fits.","default":"spread"}}},"node":{"type":"object","additionalProperties":false,"required":["name"],"description":"A Docker engine Flotilla may place pods on.","examples":[{"name":"local","engine":"unix:///var/run/docker.sock"}],"properties":{"name":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$","description":"Name of the node, shown in views and labels.","examples":["local"]},"engine":{"type":"string","description":"Engine endpoint in DOCKER_HOST form; default: DOCKER_HOST or the local socket.","examples":["unix:///var/run/docker.sock","tcp://10.0.0.5:2375","ssh://me@build-box"]},"capacity":{"type":"object","additionalProperties":false,"description":"What the node may hand out; default: what the engine reports.","examples":[{"cpus":4,"memory":"8Gi"}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"CPUs available to Flotilla on this node."},"memory":{"$ref":"#/definitions/memory","description":"Memory available to Flotilla on this node."}}}}}}};
const pattern0 = new RegExp("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", "u");
const schema12 = {"type":"object","additionalProperties":false,"required":["name"],"description":"A Docker engine Flotilla may place pods on.","examples":[{"name":"local","engine":"unix:///var/run/docker.sock"}],"properties":{"name":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$","description":"Name of the node, shown in views and labels.","examples":["local"]},"engine":{"type":"string","description":"Engine endpoint in DOCKER_HOST form; default: DOCKER_HOST or the local socket.","examples":["unix:///var/run/docker.sock","tcp://10.0.0.5:2375","ssh://me@build-box"]},"capacity":{"type":"object","additionalProperties":false,"description":"What the node may hand out; default: what the engine reports.","examples":[{"cpus":4,"memory":"8Gi"}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"CPUs available to Flotilla on this node."},"memory":{"$ref":"#/definitions/memory","description":"Memory available to Flotilla on this node."}}}}};
const schema13 = {"description":"CPUs: a number (0.5 is half a core) or millicores such as \"500m\".","examples":[0.5,"250m",2],"anyOf":[{"type":"number","exclusiveMinimum":0},{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"}]};
const schema14 = {"description":"An amount of memory: bytes, or a number with Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal), as in Kubernetes.","examples":["128Mi","1Gi","512M"],"anyOf":[{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},{"type":"integer","minimum":0}]};
const pattern2 = new RegExp("^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$", "u");
const pattern3 = new RegExp("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "engine")) || (key0 === "capacity"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema12.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.name.type,parentSchema:schema12.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.engine !== undefined){
let data1 = data.engine;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/engine",schemaPath:"#/properties/engine/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.engine.type,parentSchema:schema12.properties.engine,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.capacity !== undefined){
let data2 = data.capacity;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!((key1 === "cpus") || (key1 === "memory"))){
const err5 = {instancePath:instancePath+"/capacity",schemaPath:"#/properties/capacity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.capacity,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data2.cpus !== undefined){
let data3 = data2.cpus;
const _errs11 = errors;
let valid3 = false;
const _errs12 = errors;
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 <= 0 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/capacity/cpus",schemaPath:"#/definitions/cpus/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema13.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/capacity/cpus",schemaPath:"#/definitions/cpus/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema13.anyOf[0].type,parentSchema:schema13.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs12 === errors;
valid3 = valid3 || _valid0;
if(!valid3){
const _errs14 = errors;
if(typeof data3 === "string"){
if(!pattern2.test(data3)){
const err8 = {instancePath:instancePath+"/capacity/cpus",schemaPath:"#/definitions/cpus/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$",parentSchema:schema13.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/capacity/cpus",schemaPath:"#/definitions/cpus/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.anyOf[1].type,parentSchema:schema13.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid0 = _errs14 === errors;
valid3 = valid3 || _valid0;
}
if(!valid3){
const err10 = {instancePath:instancePath+"/capacity/cpus",schemaPath:"#/definitions/cpus/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.anyOf,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
}
if(data2.memory !== undefined){
let data4 = data2.memory;
const _errs18 = errors;
let valid5 = false;
const _errs19 = errors;
if(typeof data4 === "string"){
if(!pattern3.test(data4)){
const err11 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$",parentSchema:schema14.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.anyOf[0].type,parentSchema:schema14.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid1 = _errs19 === errors;
valid5 = valid5 || _valid1;
if(!valid5){
const _errs21 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err13 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/anyOf/1/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.anyOf[1].type,parentSchema:schema14.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err14 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/anyOf/1/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid1 = _errs21 === errors;
valid5 = valid5 || _valid1;
}
if(!valid5){
const err15 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema14.anyOf,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err16 = {instancePath:instancePath+"/capacity",schemaPath:"#/properties/capacity/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.capacity.type,parentSchema:schema12.properties.capacity,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema15 = {"type":"object","additionalProperties":false,"required":["containers"],"description":"A service: replicas of one pod, reachable by the service's name.","examples":[{"replicas":2,"containers":{"app":{"image":"shop/web:2"}}}],"properties":{"replicas":{"type":"integer","minimum":0,"maximum":1000,"description":"How many pods to keep running. With autoscale, the starting count (default: autoscale.min).","default":1,"examples":[2]},"containers":{"type":"object","minProperties":1,"propertyNames":{"pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},"additionalProperties":{"$ref":"#/definitions/container"},"description":"The pod's containers, in order. They share localhost and may share volumes; the first owns the pod's network, so when it dies the whole pod is replaced.","examples":[{"app":{"image":"shop/web:2"},"log-drain":{"image":"shop/logdrain:1"}}]},"expose":{"type":"object","additionalProperties":false,"required":["port"],"description":"A service port on the host, balanced across the healthy replicas.","examples":[{"port":8080,"hostPort":18080}],"properties":{"port":{"$ref":"#/definitions/port","description":"Port the pods listen on."},"hostPort":{"$ref":"#/definitions/port","description":"Port on the host that balances across replicas."},"hostIp":{"$ref":"#/definitions/hostIp"},"balance":{"type":"string","enum":["round-robin","least-connections"],"description":"How new connections pick a replica.","default":"round-robin"}}},"health":{"$ref":"#/definitions/health","description":"A probe for the pod, run against its first container (a container's own health takes its place)."},"restart":{"type":"string","enum":["always","on-failure","never"],"description":"What to do when a container stops: always restart it, only when it failed (non-zero exit), or never.","default":"always"},"stopGracePeriod":{"$ref":"#/definitions/duration","description":"Time between the stop signal and a kill, one period for the whole pod: every container gets the signal at once, and the kill at the same deadline.","default":"10s"},"hostNetwork":{"type":"boolean","description":"Use the host's network namespace. Needs allow: [host-network].","default":false},"hostPid":{"type":"boolean","description":"Share the host's process namespace. Needs allow: [host-pid].","default":false},"deploy":{"type":"object","additionalProperties":false,"description":"How a new version replaces the running one.","examples":[{"strategy":"blue-green","minHealthyTime":"5s"}],"properties":{"strategy":{"type":"string","enum":["blue-green","rolling"],"description":"blue-green starts the whole new set and switches at once; rolling replaces pods in batches.","default":"rolling"},"maxSurge":{"$ref":"#/definitions/intOrPercent","description":"Rolling: pods allowed above the replica count during a deploy.","default":"25%"},"maxUnavailable":{"$ref":"#/definitions/intOrPercent","description":"Rolling: pods allowed below the replica count during a deploy.","default":"25%"},"minHealthyTime":{"$ref":"#/definitions/duration","description":"How long new pods must stay healthy before they count.","default":"5s"},"healthyDeadline":{"$ref":"#/definitions/duration","description":"A deploy not healthy by then fails (and rolls back with autoRollback).","default":"2m"},"drainTimeout":{"$ref":"#/definitions/duration","description":"How long old pods keep their open connections before they stop.","default":"10s"},"autoRollback":{"type":"boolean","description":"Return to the previous revision when a deploy fails.","default":true},"history":{"type":"integer","minimum":1,"maximum":100,"description":"Revisions kept for rollback.","default":10,"examples":[10]}}},"autoscale":{"type":"object","additionalProperties":false,"required":["min","max"],"description":"Replica bounds and usage targets; the replica count moves within them.","examples":[{"min":1,"max":6,"cpu":"70%"}],"properties":{"min":{"type":"integer","minimum":0,"description":"Fewest replicas.","examples":[1]},"max":{"type":"integer","minimum":1,"maximum":1000,"description":"Most replicas.","examples":[6]},"cpu":{"$ref":"#/definitions/percent","description":"Target average CPU usage, relative to the reservation (or the limit)."},"memory":{"$ref":"#/definitions/percent","description":"Target average memory usage, relative to the reservation (or the limit)."},"schedule":{"type":"array","description":"Windows that raise the bounds, e.g. working hours.","examples":[[{"cron":"0 9 * * 1-5","min":3}]],"items":{"type":"object","additionalProperties":false,"required":["cron"],"description":"A window starting at each cron match.","examples":[{"cron":"0 9 * * 1-5","min":3}],"properties":{"cron":{"type":"string","description":"Five-field cron expression for when the window starts.","examples":["0 9 * * 1-5"]},"min":{"type":"integer","minimum":0,"description":"Fewest replicas during the window.","examples":[3]},"max":{"type":"integer","minimum":1,"description":"Most replicas during the window.","examples":[10]}}}}}},"placement":{"type":"string","enum":["spread","binpack"],"description":"Across several nodes: spread puts each pod on the node with the fewest of this service's pods; binpack fills the fullest node that still fits.","default":"spread"}}};
const schema17 = {"type":"integer","minimum":1,"maximum":65535,"description":"A port number, from 1 to 65535.","examples":[8080]};
const schema19 = {"type":"string","description":"Host address to bind, IPv4 or IPv6. Loopback (127.0.0.1, any 127.x.x.x, ::1) keeps the port on this machine; any other address (0.0.0.0, ::, a LAN address) opens it to the network and needs allow: [public-ports].","default":"127.0.0.1","examples":["127.0.0.1","0.0.0.0"]};
const schema29 = {"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$","description":"A duration: a number with ms, s, m or h.","examples":["10s","500ms","2m"]};
const schema36 = {"description":"A number of pods, or a percentage of the replicas such as \"25%\".","examples":[1,"25%"],"anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?%$"}]};
const schema41 = {"description":"A percentage such as \"70%\" (a bare number is read as percent).","examples":["70%",80],"anyOf":[{"type":"string","pattern":"^[0-9]+(\\.[0-9]+)?%$"},{"type":"number","exclusiveMinimum":0}]};
const func2 = Object.prototype.hasOwnProperty;
const pattern11 = new RegExp("^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$", "u");
const pattern15 = new RegExp("^[0-9]+(\\.[0-9]+)?%$", "u");
const schema16 = {"type":"object","additionalProperties":false,"required":["image"],"description":"One container of the pod.","examples":[{"image":"shop/web:2","command":["httpd","-f","-p","8080"]}],"properties":{"image":{"type":"string","minLength":1,"description":"Image reference; it must be on the engine (Flotilla does not pull).","examples":["shop/web:2"]},"command":{"type":"array","items":{"type":"string"},"description":"Replaces the image's CMD. A list: no shell is involved unless you name one.","examples":[["httpd","-f","-p","8080"]]},"entrypoint":{"type":"array","items":{"type":"string"},"description":"Replaces the image's ENTRYPOINT.","examples":[["/bin/sh","-c"]]},"workingDir":{"type":"string","description":"Working directory inside the container.","examples":["/app"]},"user":{"type":"string","description":"User (and group) to run as.","examples":["1000:1000"]},"env":{"type":"object","description":"Environment variables. Other services are reachable by their name, e.g. http://api:9000.","examples":[{"API_URL":"http://api:9000"}],"additionalProperties":{"description":"The variable's value.","anyOf":[{"type":"string"},{"type":"number"},{"type":"boolean"}]}},"ports":{"type":"array","description":"Ports published straight from this container, on 127.0.0.1 by default. Leave hostPort out for an ephemeral port; a fixed one allows a single replica.","examples":[[{"port":5432,"hostPort":15432}]],"items":{"type":"object","additionalProperties":false,"required":["port"],"description":"A published port.","examples":[{"port":5432}],"properties":{"port":{"$ref":"#/definitions/port","description":"Port inside the container."},"hostPort":{"$ref":"#/definitions/port","description":"Port on the host; default: one the engine picks."},"hostIp":{"$ref":"#/definitions/hostIp"},"protocol":{"type":"string","enum":["tcp","udp"],"description":"Transport protocol.","default":"tcp"}}}},"resources":{"$ref":"#/definitions/resources"},"volumes":{"type":"array","items":{"$ref":"#/definitions/mount"},"description":"Named volumes and host folders to mount. Containers of one pod may share a named volume.","examples":[[{"name":"logs","path":"/var/log/app"}]]},"health":{"$ref":"#/definitions/health"},"privileged":{"type":"boolean","description":"Full access to the host. Needs allow: [privileged].","default":false},"capAdd":{"type":"array","items":{"type":"string"},"description":"Kernel capabilities to add. Needs allow: [cap-add].","examples":[["NET_ADMIN"]]},"devices":{"type":"array","items":{"type":"string"},"description":"Host devices to hand to the container. Needs allow: [devices].","examples":[["/dev/fuse"]]},"stopSignal":{"type":"string","description":"Signal that asks the container to stop; the default is the image's (usually SIGTERM).","examples":["SIGINT"]}}};
const schema25 = {"type":"object","description":"A mount: a named volume ({name, path}) or a host folder ({hostPath, path}).","examples":[{"name":"uploads","path":"/srv/uploads"},{"hostPath":"./config","path":"/etc/app","readOnly":true}],"anyOf":[{"additionalProperties":false,"required":["name","path"],"properties":{"name":{"type":"string","pattern":"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$","description":"A volume declared under the top-level volumes.","examples":["uploads"]},"path":{"type":"string","description":"Where it appears in the container.","examples":["/srv/uploads"]},"readOnly":{"type":"boolean","description":"Mount read-only.","default":false}}},{"additionalProperties":false,"required":["hostPath","path"],"properties":{"hostPath":{"type":"string","description":"Host folder or file, relative to the manifest's folder. Outside the workspace it needs allow: [host-paths].","examples":["./config"]},"path":{"type":"string","description":"Where it appears in the container.","examples":["/etc/app"]},"readOnly":{"type":"boolean","description":"Mount read-only.","default":false}}}]};
const func4 = require("ajv/dist/runtime/ucs2length").default;
const schema20 = {"type":"object","additionalProperties":false,"description":"Limits (enforced by the engine) and reservations (used for placement and autoscaling).","examples":[{"cpus":0.5,"memory":"128Mi","reserve":{"cpus":0.25,"memory":"64Mi"}}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"CPU limit: the container gets at most this many cores' worth of time."},"memory":{"$ref":"#/definitions/memory","description":"Memory limit: the container is OOM-killed above it. Docker needs at least 6Mi."},"reserve":{"type":"object","additionalProperties":false,"description":"What the container is guaranteed: placement refuses nodes without this much free, and autoscaling measures usage against it.","examples":[{"cpus":0.25,"memory":"64Mi"}],"properties":{"cpus":{"$ref":"#/definitions/cpus","description":"Reserved CPUs (also sets the container's CPU shares relative to others)."},"memory":{"$ref":"#/definitions/memory","description":"Reserved memory (a soft limit the engine reclaims towards under pressure)."}}}}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "cpus") || (key0 === "memory")) || (key0 === "reserve"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.cpus !== undefined){
let data0 = data.cpus;
const _errs4 = errors;
let valid2 = false;
const _errs5 = errors;
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 <= 0 || isNaN(data0)){
const err1 = {instancePath:instancePath+"/cpus",schemaPath:"#/definitions/cpus/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema13.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/cpus",schemaPath:"#/definitions/cpus/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema13.anyOf[0].type,parentSchema:schema13.anyOf[0],data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs5 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const _errs7 = errors;
if(typeof data0 === "string"){
if(!pattern2.test(data0)){
const err3 = {instancePath:instancePath+"/cpus",schemaPath:"#/definitions/cpus/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$",parentSchema:schema13.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/cpus",schemaPath:"#/definitions/cpus/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.anyOf[1].type,parentSchema:schema13.anyOf[1],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
}
if(!valid2){
const err5 = {instancePath:instancePath+"/cpus",schemaPath:"#/definitions/cpus/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.anyOf,parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.memory !== undefined){
let data1 = data.memory;
const _errs11 = errors;
let valid4 = false;
const _errs12 = errors;
if(typeof data1 === "string"){
if(!pattern3.test(data1)){
const err6 = {instancePath:instancePath+"/memory",schemaPath:"#/definitions/memory/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$",parentSchema:schema14.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/memory",schemaPath:"#/definitions/memory/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.anyOf[0].type,parentSchema:schema14.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid1 = _errs12 === errors;
valid4 = valid4 || _valid1;
if(!valid4){
const _errs14 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err8 = {instancePath:instancePath+"/memory",schemaPath:"#/definitions/memory/anyOf/1/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.anyOf[1].type,parentSchema:schema14.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/memory",schemaPath:"#/definitions/memory/anyOf/1/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid1 = _errs14 === errors;
valid4 = valid4 || _valid1;
}
if(!valid4){
const err10 = {instancePath:instancePath+"/memory",schemaPath:"#/definitions/memory/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema14.anyOf,parentSchema:schema14,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
}
}
if(data.reserve !== undefined){
let data2 = data.reserve;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!((key1 === "cpus") || (key1 === "memory"))){
const err11 = {instancePath:instancePath+"/reserve",schemaPath:"#/properties/reserve/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema20.properties.reserve,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data2.cpus !== undefined){
let data3 = data2.cpus;
const _errs21 = errors;
let valid7 = false;
const _errs22 = errors;
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 <= 0 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/reserve/cpus",schemaPath:"#/definitions/cpus/anyOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema13.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/reserve/cpus",schemaPath:"#/definitions/cpus/anyOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema13.anyOf[0].type,parentSchema:schema13.anyOf[0],data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid2 = _errs22 === errors;
valid7 = valid7 || _valid2;
if(!valid7){
const _errs24 = errors;
if(typeof data3 === "string"){
if(!pattern2.test(data3)){
const err14 = {instancePath:instancePath+"/reserve/cpus",schemaPath:"#/definitions/cpus/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?$|^[0-9]+m$",parentSchema:schema13.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/reserve/cpus",schemaPath:"#/definitions/cpus/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.anyOf[1].type,parentSchema:schema13.anyOf[1],data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid2 = _errs24 === errors;
valid7 = valid7 || _valid2;
}
if(!valid7){
const err16 = {instancePath:instancePath+"/reserve/cpus",schemaPath:"#/definitions/cpus/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema13.anyOf,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs21;
if(vErrors !== null){
if(_errs21){
vErrors.length = _errs21;
}
else {
vErrors = null;
}
}
}
}
if(data2.memory !== undefined){
let data4 = data2.memory;
const _errs28 = errors;
let valid9 = false;
const _errs29 = errors;
if(typeof data4 === "string"){
if(!pattern3.test(data4)){
const err17 = {instancePath:instancePath+"/reserve/memory",schemaPath:"#/definitions/memory/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|K|M|G|T)?$",parentSchema:schema14.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/reserve/memory",schemaPath:"#/definitions/memory/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.anyOf[0].type,parentSchema:schema14.anyOf[0],data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var _valid3 = _errs29 === errors;
valid9 = valid9 || _valid3;
if(!valid9){
const _errs31 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err19 = {instancePath:instancePath+"/reserve/memory",schemaPath:"#/definitions/memory/anyOf/1/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema14.anyOf[1].type,parentSchema:schema14.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err20 = {instancePath:instancePath+"/reserve/memory",schemaPath:"#/definitions/memory/anyOf/1/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema14.anyOf[1],data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
var _valid3 = _errs31 === errors;
valid9 = valid9 || _valid3;
}
if(!valid9){
const err21 = {instancePath:instancePath+"/reserve/memory",schemaPath:"#/definitions/memory/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema14.anyOf,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
else {
errors = _errs28;
if(vErrors !== null){
if(_errs28){
vErrors.length = _errs28;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err22 = {instancePath:instancePath+"/reserve",schemaPath:"#/properties/reserve/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.reserve.type,parentSchema:schema20.properties.reserve,data:data2};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

const schema26 = {"type":"object","additionalProperties":false,"description":"A probe Flotilla runs against the container: exactly one of http, tcp or exec, with timing as in Kubernetes. A pod is healthy when all its probed containers are.","examples":[{"http":{"path":"/healthz","port":8080},"interval":"10s"}],"properties":{"http":{"type":"object","additionalProperties":false,"required":["port"],"description":"HTTP GET through the port published on 127.0.0.1; healthy on a status from 200 to 399 within the timeout.","examples":[{"path":"/healthz","port":8080}],"properties":{"path":{"type":"string","description":"Path to request.","default":"/","examples":["/healthz"]},"port":{"$ref":"#/definitions/port","description":"Container port to probe."}}},"tcp":{"type":"object","additionalProperties":false,"required":["port"],"description":"Healthy when a TCP connection opens within the timeout.","examples":[{"port":5432}],"properties":{"port":{"$ref":"#/definitions/port","description":"Container port to connect to."}}},"exec":{"type":"array","minItems":1,"items":{"type":"string"},"description":"Command run inside the container through the engine's exec API (no shell unless you name one); healthy on exit code 0 within the timeout.","examples":[["pg_isready","-U","postgres"]]},"interval":{"$ref":"#/definitions/duration","description":"Time between probes.","default":"10s"},"timeout":{"$ref":"#/definitions/duration","description":"How long one probe may take before it counts as failed.","default":"1s"},"failureThreshold":{"type":"integer","minimum":1,"description":"Failed probes in a row before the container is unhealthy (and restarted).","default":3,"examples":[3]},"successThreshold":{"type":"integer","minimum":1,"description":"Passing probes in a row before an unhealthy container is healthy again.","default":1,"examples":[1]},"startPeriod":{"$ref":"#/definitions/duration","description":"Grace period after start during which failed probes do not count.","default":"0s"}},"$comment":"Exactly one check: oneOf over single-key required branches gives ajv errors that name the keys (schema-validate.ts words them \"needs one of\" / \"must use only one of\"). Each branch also lists its key under properties (true: no constraint) only so that ajv strict mode (strictRequired) accepts it; the check itself is described under properties.","oneOf":[{"required":["http"],"properties":{"http":true}},{"required":["tcp"],"properties":{"tcp":true}},{"required":["exec"],"properties":{"exec":true}}]};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid0 = false;
let passing0 = null;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.http === undefined){
const err0 = {instancePath,schemaPath:"#/oneOf/0/required",keyword:"required",params:{missingProperty: "http"},message:"must have required property '"+"http"+"'",schema:schema26.oneOf[0].required,parentSchema:schema26.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.tcp === undefined){
const err1 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "tcp"},message:"must have required property '"+"tcp"+"'",schema:schema26.oneOf[1].required,parentSchema:schema26.oneOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.exec === undefined){
const err2 = {instancePath,schemaPath:"#/oneOf/2/required",keyword:"required",params:{missingProperty: "exec"},message:"must have required property '"+"exec"+"'",schema:schema26.oneOf[2].required,parentSchema:schema26.oneOf[2],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
}
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema26.oneOf,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "http") || (key0 === "tcp")) || (key0 === "exec")) || (key0 === "interval")) || (key0 === "timeout")) || (key0 === "failureThreshold")) || (key0 === "successThreshold")) || (key0 === "startPeriod"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.http !== undefined){
let data0 = data.http;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.port === undefined){
const err5 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema26.properties.http.required,parentSchema:schema26.properties.http,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data0){
if(!((key1 === "path") || (key1 === "port"))){
const err6 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema26.properties.http,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.path !== undefined){
let data1 = data0.path;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/http/path",schemaPath:"#/properties/http/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.http.properties.path.type,parentSchema:schema26.properties.http.properties.path,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.port !== undefined){
let data2 = data0.port;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err8 = {instancePath:instancePath+"/http/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/http/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err10 = {instancePath:instancePath+"/http/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.http.type,parentSchema:schema26.properties.http,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.tcp !== undefined){
let data3 = data.tcp;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.port === undefined){
const err12 = {instancePath:instancePath+"/tcp",schemaPath:"#/properties/tcp/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema26.properties.tcp.required,parentSchema:schema26.properties.tcp,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
for(const key2 in data3){
if(!(key2 === "port")){
const err13 = {instancePath:instancePath+"/tcp",schemaPath:"#/properties/tcp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema26.properties.tcp,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.port !== undefined){
let data4 = data3.port;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err14 = {instancePath:instancePath+"/tcp/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 65535 || isNaN(data4)){
const err15 = {instancePath:instancePath+"/tcp/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err16 = {instancePath:instancePath+"/tcp/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/tcp",schemaPath:"#/properties/tcp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.tcp.type,parentSchema:schema26.properties.tcp,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.exec !== undefined){
let data5 = data.exec;
if(Array.isArray(data5)){
if(data5.length < 1){
const err18 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema26.properties.exec,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err19 = {instancePath:instancePath+"/exec/" + i0,schemaPath:"#/properties/exec/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.exec.items.type,parentSchema:schema26.properties.exec.items,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema26.properties.exec.type,parentSchema:schema26.properties.exec,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.interval !== undefined){
let data7 = data.interval;
if(typeof data7 === "string"){
if(!pattern11.test(data7)){
const err21 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/interval",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.timeout !== undefined){
let data8 = data.timeout;
if(typeof data8 === "string"){
if(!pattern11.test(data8)){
const err23 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.failureThreshold !== undefined){
let data9 = data.failureThreshold;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err25 = {instancePath:instancePath+"/failureThreshold",schemaPath:"#/properties/failureThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.properties.failureThreshold.type,parentSchema:schema26.properties.failureThreshold,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 1 || isNaN(data9)){
const err26 = {instancePath:instancePath+"/failureThreshold",schemaPath:"#/properties/failureThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.properties.failureThreshold,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data.successThreshold !== undefined){
let data10 = data.successThreshold;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err27 = {instancePath:instancePath+"/successThreshold",schemaPath:"#/properties/successThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.properties.successThreshold.type,parentSchema:schema26.properties.successThreshold,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 1 || isNaN(data10)){
const err28 = {instancePath:instancePath+"/successThreshold",schemaPath:"#/properties/successThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.properties.successThreshold,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data.startPeriod !== undefined){
let data11 = data.startPeriod;
if(typeof data11 === "string"){
if(!pattern11.test(data11)){
const err29 = {instancePath:instancePath+"/startPeriod",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/startPeriod",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.image === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "image"},message:"must have required property '"+"image"+"'",schema:schema16.required,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.image !== undefined){
let data0 = data.image;
if(typeof data0 === "string"){
if(func4(data0) < 1){
const err2 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.image,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.image.type,parentSchema:schema16.properties.image,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.command !== undefined){
let data1 = data.command;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/command/" + i0,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.command.items.type,parentSchema:schema16.properties.command.items,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.command.type,parentSchema:schema16.properties.command,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.entrypoint !== undefined){
let data3 = data.entrypoint;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
let data4 = data3[i1];
if(typeof data4 !== "string"){
const err6 = {instancePath:instancePath+"/entrypoint/" + i1,schemaPath:"#/properties/entrypoint/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.entrypoint.items.type,parentSchema:schema16.properties.entrypoint.items,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/entrypoint",schemaPath:"#/properties/entrypoint/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.entrypoint.type,parentSchema:schema16.properties.entrypoint,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.workingDir !== undefined){
let data5 = data.workingDir;
if(typeof data5 !== "string"){
const err8 = {instancePath:instancePath+"/workingDir",schemaPath:"#/properties/workingDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.workingDir.type,parentSchema:schema16.properties.workingDir,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.user !== undefined){
let data6 = data.user;
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.user.type,parentSchema:schema16.properties.user,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.env !== undefined){
let data7 = data.env;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
let data8 = data7[key1];
const _errs20 = errors;
let valid6 = false;
const _errs21 = errors;
if(typeof data8 !== "string"){
const err10 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.env.additionalProperties.anyOf[0].type,parentSchema:schema16.properties.env.additionalProperties.anyOf[0],data:data8};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs21 === errors;
valid6 = valid6 || _valid0;
if(!valid6){
const _errs23 = errors;
if(!((typeof data8 == "number") && (isFinite(data8)))){
const err11 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema16.properties.env.additionalProperties.anyOf[1].type,parentSchema:schema16.properties.env.additionalProperties.anyOf[1],data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs23 === errors;
valid6 = valid6 || _valid0;
if(!valid6){
const _errs25 = errors;
if(typeof data8 !== "boolean"){
const err12 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema16.properties.env.additionalProperties.anyOf[2].type,parentSchema:schema16.properties.env.additionalProperties.anyOf[2],data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs25 === errors;
valid6 = valid6 || _valid0;
}
}
if(!valid6){
const err13 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema16.properties.env.additionalProperties.anyOf,parentSchema:schema16.properties.env.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err14 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.properties.env.type,parentSchema:schema16.properties.env,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.ports !== undefined){
let data9 = data.ports;
if(Array.isArray(data9)){
const len2 = data9.length;
for(let i2=0; i2<len2; i2++){
let data10 = data9[i2];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.port === undefined){
const err15 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/properties/ports/items/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema16.properties.ports.items.required,parentSchema:schema16.properties.ports.items,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key2 in data10){
if(!((((key2 === "port") || (key2 === "hostPort")) || (key2 === "hostIp")) || (key2 === "protocol"))){
const err16 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/properties/ports/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema16.properties.ports.items,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data10.port !== undefined){
let data11 = data10.port;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err17 = {instancePath:instancePath+"/ports/" + i2+"/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 65535 || isNaN(data11)){
const err18 = {instancePath:instancePath+"/ports/" + i2+"/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/ports/" + i2+"/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data10.hostPort !== undefined){
let data12 = data10.hostPort;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err20 = {instancePath:instancePath+"/ports/" + i2+"/hostPort",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 65535 || isNaN(data12)){
const err21 = {instancePath:instancePath+"/ports/" + i2+"/hostPort",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err22 = {instancePath:instancePath+"/ports/" + i2+"/hostPort",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data10.hostIp !== undefined){
let data13 = data10.hostIp;
if(typeof data13 !== "string"){
const err23 = {instancePath:instancePath+"/ports/" + i2+"/hostIp",schemaPath:"#/definitions/hostIp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.protocol !== undefined){
let data14 = data10.protocol;
if(typeof data14 !== "string"){
const err24 = {instancePath:instancePath+"/ports/" + i2+"/protocol",schemaPath:"#/properties/ports/items/properties/protocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.ports.items.properties.protocol.type,parentSchema:schema16.properties.ports.items.properties.protocol,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(!((data14 === "tcp") || (data14 === "udp"))){
const err25 = {instancePath:instancePath+"/ports/" + i2+"/protocol",schemaPath:"#/properties/ports/items/properties/protocol/enum",keyword:"enum",params:{allowedValues: schema16.properties.ports.items.properties.protocol.enum},message:"must be equal to one of the allowed values",schema:schema16.properties.ports.items.properties.protocol.enum,parentSchema:schema16.properties.ports.items.properties.protocol,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/properties/ports/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.properties.ports.items.type,parentSchema:schema16.properties.ports.items,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.ports.type,parentSchema:schema16.properties.ports,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.resources !== undefined){
if(!(validate15(data.resources, {instancePath:instancePath+"/resources",parentData:data,parentDataProperty:"resources",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.volumes !== undefined){
let data16 = data.volumes;
if(Array.isArray(data16)){
const len3 = data16.length;
for(let i3=0; i3<len3; i3++){
let data17 = data16[i3];
if(!(data17 && typeof data17 == "object" && !Array.isArray(data17))){
const err28 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data:data17};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
const _errs49 = errors;
let valid16 = false;
const _errs50 = errors;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.name === undefined){
const err29 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/0/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema25.anyOf[0].required,parentSchema:schema25.anyOf[0],data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data17.path === undefined){
const err30 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/0/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema25.anyOf[0].required,parentSchema:schema25.anyOf[0],data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
for(const key3 in data17){
if(!(((key3 === "name") || (key3 === "path")) || (key3 === "readOnly"))){
const err31 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema25.anyOf[0],data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data17.name !== undefined){
let data18 = data17.name;
if(typeof data18 === "string"){
if(!pattern0.test(data18)){
const err32 = {instancePath:instancePath+"/volumes/" + i3+"/name",schemaPath:"#/definitions/mount/anyOf/0/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema25.anyOf[0].properties.name,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/volumes/" + i3+"/name",schemaPath:"#/definitions/mount/anyOf/0/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.anyOf[0].properties.name.type,parentSchema:schema25.anyOf[0].properties.name,data:data18};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data17.path !== undefined){
let data19 = data17.path;
if(typeof data19 !== "string"){
const err34 = {instancePath:instancePath+"/volumes/" + i3+"/path",schemaPath:"#/definitions/mount/anyOf/0/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.anyOf[0].properties.path.type,parentSchema:schema25.anyOf[0].properties.path,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data17.readOnly !== undefined){
let data20 = data17.readOnly;
if(typeof data20 !== "boolean"){
const err35 = {instancePath:instancePath+"/volumes/" + i3+"/readOnly",schemaPath:"#/definitions/mount/anyOf/0/properties/readOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.anyOf[0].properties.readOnly.type,parentSchema:schema25.anyOf[0].properties.readOnly,data:data20};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
var _valid1 = _errs50 === errors;
valid16 = valid16 || _valid1;
if(!valid16){
const _errs58 = errors;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.hostPath === undefined){
const err36 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/1/required",keyword:"required",params:{missingProperty: "hostPath"},message:"must have required property '"+"hostPath"+"'",schema:schema25.anyOf[1].required,parentSchema:schema25.anyOf[1],data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data17.path === undefined){
const err37 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/1/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema25.anyOf[1].required,parentSchema:schema25.anyOf[1],data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key4 in data17){
if(!(((key4 === "hostPath") || (key4 === "path")) || (key4 === "readOnly"))){
const err38 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema25.anyOf[1],data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data17.hostPath !== undefined){
let data21 = data17.hostPath;
if(typeof data21 !== "string"){
const err39 = {instancePath:instancePath+"/volumes/" + i3+"/hostPath",schemaPath:"#/definitions/mount/anyOf/1/properties/hostPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.anyOf[1].properties.hostPath.type,parentSchema:schema25.anyOf[1].properties.hostPath,data:data21};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data17.path !== undefined){
let data22 = data17.path;
if(typeof data22 !== "string"){
const err40 = {instancePath:instancePath+"/volumes/" + i3+"/path",schemaPath:"#/definitions/mount/anyOf/1/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.anyOf[1].properties.path.type,parentSchema:schema25.anyOf[1].properties.path,data:data22};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data17.readOnly !== undefined){
let data23 = data17.readOnly;
if(typeof data23 !== "boolean"){
const err41 = {instancePath:instancePath+"/volumes/" + i3+"/readOnly",schemaPath:"#/definitions/mount/anyOf/1/properties/readOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.anyOf[1].properties.readOnly.type,parentSchema:schema25.anyOf[1].properties.readOnly,data:data23};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
var _valid1 = _errs58 === errors;
valid16 = valid16 || _valid1;
}
if(!valid16){
const err42 = {instancePath:instancePath+"/volumes/" + i3,schemaPath:"#/definitions/mount/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema25.anyOf,parentSchema:schema25,data:data17};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
errors = _errs49;
if(vErrors !== null){
if(_errs49){
vErrors.length = _errs49;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.volumes.type,parentSchema:schema16.properties.volumes,data:data16};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.health !== undefined){
if(!(validate17(data.health, {instancePath:instancePath+"/health",parentData:data,parentDataProperty:"health",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data.privileged !== undefined){
let data25 = data.privileged;
if(typeof data25 !== "boolean"){
const err44 = {instancePath:instancePath+"/privileged",schemaPath:"#/properties/privileged/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema16.properties.privileged.type,parentSchema:schema16.properties.privileged,data:data25};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.capAdd !== undefined){
let data26 = data.capAdd;
if(Array.isArray(data26)){
const len4 = data26.length;
for(let i4=0; i4<len4; i4++){
let data27 = data26[i4];
if(typeof data27 !== "string"){
const err45 = {instancePath:instancePath+"/capAdd/" + i4,schemaPath:"#/properties/capAdd/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.capAdd.items.type,parentSchema:schema16.properties.capAdd.items,data:data27};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/capAdd",schemaPath:"#/properties/capAdd/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.capAdd.type,parentSchema:schema16.properties.capAdd,data:data26};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.devices !== undefined){
let data28 = data.devices;
if(Array.isArray(data28)){
const len5 = data28.length;
for(let i5=0; i5<len5; i5++){
let data29 = data28[i5];
if(typeof data29 !== "string"){
const err47 = {instancePath:instancePath+"/devices/" + i5,schemaPath:"#/properties/devices/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.devices.items.type,parentSchema:schema16.properties.devices.items,data:data29};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/devices",schemaPath:"#/properties/devices/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.devices.type,parentSchema:schema16.properties.devices,data:data28};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.stopSignal !== undefined){
let data30 = data.stopSignal;
if(typeof data30 !== "string"){
const err49 = {instancePath:instancePath+"/stopSignal",schemaPath:"#/properties/stopSignal/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.stopSignal.type,parentSchema:schema16.properties.stopSignal,data:data30};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.type,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}


function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.containers === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "containers"},message:"must have required property '"+"containers"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema15.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.replicas !== undefined){
let data0 = data.replicas;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err2 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.replicas.type,parentSchema:schema15.properties.replicas,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 1000 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema15.properties.replicas,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data0 < 0 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema15.properties.replicas,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.containers !== undefined){
let data1 = data.containers;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
const err5 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema15.properties.containers,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
const _errs6 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err6 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema15.properties.containers.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var valid1 = _errs6 === errors;
if(!valid1){
const err7 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema15.properties.containers.propertyNames,parentSchema:schema15.properties.containers,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
for(const key2 in data1){
if(!(validate14(data1[key2], {instancePath:instancePath+"/containers/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data1,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.containers.type,parentSchema:schema15.properties.containers,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.expose !== undefined){
let data3 = data.expose;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.port === undefined){
const err9 = {instancePath:instancePath+"/expose",schemaPath:"#/properties/expose/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema15.properties.expose.required,parentSchema:schema15.properties.expose,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key3 in data3){
if(!((((key3 === "port") || (key3 === "hostPort")) || (key3 === "hostIp")) || (key3 === "balance"))){
const err10 = {instancePath:instancePath+"/expose",schemaPath:"#/properties/expose/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema15.properties.expose,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.port !== undefined){
let data4 = data3.port;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/expose/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 65535 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/expose/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/expose/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data3.hostPort !== undefined){
let data5 = data3.hostPort;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err14 = {instancePath:instancePath+"/expose/hostPort",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.type,parentSchema:schema17,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/expose/hostPort",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema17,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err16 = {instancePath:instancePath+"/expose/hostPort",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema17,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data3.hostIp !== undefined){
let data6 = data3.hostIp;
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/expose/hostIp",schemaPath:"#/definitions/hostIp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data3.balance !== undefined){
let data7 = data3.balance;
if(typeof data7 !== "string"){
const err18 = {instancePath:instancePath+"/expose/balance",schemaPath:"#/properties/expose/properties/balance/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.expose.properties.balance.type,parentSchema:schema15.properties.expose.properties.balance,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!((data7 === "round-robin") || (data7 === "least-connections"))){
const err19 = {instancePath:instancePath+"/expose/balance",schemaPath:"#/properties/expose/properties/balance/enum",keyword:"enum",params:{allowedValues: schema15.properties.expose.properties.balance.enum},message:"must be equal to one of the allowed values",schema:schema15.properties.expose.properties.balance.enum,parentSchema:schema15.properties.expose.properties.balance,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/expose",schemaPath:"#/properties/expose/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.expose.type,parentSchema:schema15.properties.expose,data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.health !== undefined){
if(!(validate17(data.health, {instancePath:instancePath+"/health",parentData:data,parentDataProperty:"health",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
if(data.restart !== undefined){
let data9 = data.restart;
if(typeof data9 !== "string"){
const err21 = {instancePath:instancePath+"/restart",schemaPath:"#/properties/restart/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.restart.type,parentSchema:schema15.properties.restart,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(!(((data9 === "always") || (data9 === "on-failure")) || (data9 === "never"))){
const err22 = {instancePath:instancePath+"/restart",schemaPath:"#/properties/restart/enum",keyword:"enum",params:{allowedValues: schema15.properties.restart.enum},message:"must be equal to one of the allowed values",schema:schema15.properties.restart.enum,parentSchema:schema15.properties.restart,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.stopGracePeriod !== undefined){
let data10 = data.stopGracePeriod;
if(typeof data10 === "string"){
if(!pattern11.test(data10)){
const err23 = {instancePath:instancePath+"/stopGracePeriod",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/stopGracePeriod",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.hostNetwork !== undefined){
let data11 = data.hostNetwork;
if(typeof data11 !== "boolean"){
const err25 = {instancePath:instancePath+"/hostNetwork",schemaPath:"#/properties/hostNetwork/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.hostNetwork.type,parentSchema:schema15.properties.hostNetwork,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.hostPid !== undefined){
let data12 = data.hostPid;
if(typeof data12 !== "boolean"){
const err26 = {instancePath:instancePath+"/hostPid",schemaPath:"#/properties/hostPid/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.hostPid.type,parentSchema:schema15.properties.hostPid,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.deploy !== undefined){
let data13 = data.deploy;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key4 in data13){
if(!((((((((key4 === "strategy") || (key4 === "maxSurge")) || (key4 === "maxUnavailable")) || (key4 === "minHealthyTime")) || (key4 === "healthyDeadline")) || (key4 === "drainTimeout")) || (key4 === "autoRollback")) || (key4 === "history"))){
const err27 = {instancePath:instancePath+"/deploy",schemaPath:"#/properties/deploy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema15.properties.deploy,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data13.strategy !== undefined){
let data14 = data13.strategy;
if(typeof data14 !== "string"){
const err28 = {instancePath:instancePath+"/deploy/strategy",schemaPath:"#/properties/deploy/properties/strategy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.deploy.properties.strategy.type,parentSchema:schema15.properties.deploy.properties.strategy,data:data14};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!((data14 === "blue-green") || (data14 === "rolling"))){
const err29 = {instancePath:instancePath+"/deploy/strategy",schemaPath:"#/properties/deploy/properties/strategy/enum",keyword:"enum",params:{allowedValues: schema15.properties.deploy.properties.strategy.enum},message:"must be equal to one of the allowed values",schema:schema15.properties.deploy.properties.strategy.enum,parentSchema:schema15.properties.deploy.properties.strategy,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data13.maxSurge !== undefined){
let data15 = data13.maxSurge;
const _errs40 = errors;
let valid10 = false;
const _errs41 = errors;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err30 = {instancePath:instancePath+"/deploy/maxSurge",schemaPath:"#/definitions/intOrPercent/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err31 = {instancePath:instancePath+"/deploy/maxSurge",schemaPath:"#/definitions/intOrPercent/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema36.anyOf[0],data:data15};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
var _valid0 = _errs41 === errors;
valid10 = valid10 || _valid0;
if(!valid10){
const _errs43 = errors;
if(typeof data15 === "string"){
if(!pattern15.test(data15)){
const err32 = {instancePath:instancePath+"/deploy/maxSurge",schemaPath:"#/definitions/intOrPercent/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?%$",parentSchema:schema36.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/deploy/maxSurge",schemaPath:"#/definitions/intOrPercent/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid0 = _errs43 === errors;
valid10 = valid10 || _valid0;
}
if(!valid10){
const err34 = {instancePath:instancePath+"/deploy/maxSurge",schemaPath:"#/definitions/intOrPercent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
else {
errors = _errs40;
if(vErrors !== null){
if(_errs40){
vErrors.length = _errs40;
}
else {
vErrors = null;
}
}
}
}
if(data13.maxUnavailable !== undefined){
let data16 = data13.maxUnavailable;
const _errs47 = errors;
let valid12 = false;
const _errs48 = errors;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err35 = {instancePath:instancePath+"/deploy/maxUnavailable",schemaPath:"#/definitions/intOrPercent/anyOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema36.anyOf[0].type,parentSchema:schema36.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 < 0 || isNaN(data16)){
const err36 = {instancePath:instancePath+"/deploy/maxUnavailable",schemaPath:"#/definitions/intOrPercent/anyOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema36.anyOf[0],data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
var _valid1 = _errs48 === errors;
valid12 = valid12 || _valid1;
if(!valid12){
const _errs50 = errors;
if(typeof data16 === "string"){
if(!pattern15.test(data16)){
const err37 = {instancePath:instancePath+"/deploy/maxUnavailable",schemaPath:"#/definitions/intOrPercent/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?%$",parentSchema:schema36.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/deploy/maxUnavailable",schemaPath:"#/definitions/intOrPercent/anyOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.anyOf[1].type,parentSchema:schema36.anyOf[1],data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
var _valid1 = _errs50 === errors;
valid12 = valid12 || _valid1;
}
if(!valid12){
const err39 = {instancePath:instancePath+"/deploy/maxUnavailable",schemaPath:"#/definitions/intOrPercent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema36.anyOf,parentSchema:schema36,data:data16};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
else {
errors = _errs47;
if(vErrors !== null){
if(_errs47){
vErrors.length = _errs47;
}
else {
vErrors = null;
}
}
}
}
if(data13.minHealthyTime !== undefined){
let data17 = data13.minHealthyTime;
if(typeof data17 === "string"){
if(!pattern11.test(data17)){
const err40 = {instancePath:instancePath+"/deploy/minHealthyTime",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/deploy/minHealthyTime",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data13.healthyDeadline !== undefined){
let data18 = data13.healthyDeadline;
if(typeof data18 === "string"){
if(!pattern11.test(data18)){
const err42 = {instancePath:instancePath+"/deploy/healthyDeadline",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/deploy/healthyDeadline",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data13.drainTimeout !== undefined){
let data19 = data13.drainTimeout;
if(typeof data19 === "string"){
if(!pattern11.test(data19)){
const err44 = {instancePath:instancePath+"/deploy/drainTimeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$",parentSchema:schema29,data:data19};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/deploy/drainTimeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.type,parentSchema:schema29,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data13.autoRollback !== undefined){
let data20 = data13.autoRollback;
if(typeof data20 !== "boolean"){
const err46 = {instancePath:instancePath+"/deploy/autoRollback",schemaPath:"#/properties/deploy/properties/autoRollback/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema15.properties.deploy.properties.autoRollback.type,parentSchema:schema15.properties.deploy.properties.autoRollback,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data13.history !== undefined){
let data21 = data13.history;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err47 = {instancePath:instancePath+"/deploy/history",schemaPath:"#/properties/deploy/properties/history/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.deploy.properties.history.type,parentSchema:schema15.properties.deploy.properties.history,data:data21};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 100 || isNaN(data21)){
const err48 = {instancePath:instancePath+"/deploy/history",schemaPath:"#/properties/deploy/properties/history/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema15.properties.deploy.properties.history,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data21 < 1 || isNaN(data21)){
const err49 = {instancePath:instancePath+"/deploy/history",schemaPath:"#/properties/deploy/properties/history/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15.properties.deploy.properties.history,data:data21};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
}
else {
const err50 = {instancePath:instancePath+"/deploy",schemaPath:"#/properties/deploy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.deploy.type,parentSchema:schema15.properties.deploy,data:data13};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.autoscale !== undefined){
let data22 = data.autoscale;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.min === undefined){
const err51 = {instancePath:instancePath+"/autoscale",schemaPath:"#/properties/autoscale/required",keyword:"required",params:{missingProperty: "min"},message:"must have required property '"+"min"+"'",schema:schema15.properties.autoscale.required,parentSchema:schema15.properties.autoscale,data:data22};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(data22.max === undefined){
const err52 = {instancePath:instancePath+"/autoscale",schemaPath:"#/properties/autoscale/required",keyword:"required",params:{missingProperty: "max"},message:"must have required property '"+"max"+"'",schema:schema15.properties.autoscale.required,parentSchema:schema15.properties.autoscale,data:data22};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
for(const key5 in data22){
if(!(((((key5 === "min") || (key5 === "max")) || (key5 === "cpu")) || (key5 === "memory")) || (key5 === "schedule"))){
const err53 = {instancePath:instancePath+"/autoscale",schemaPath:"#/properties/autoscale/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema15.properties.autoscale,data:data22};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data22.min !== undefined){
let data23 = data22.min;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err54 = {instancePath:instancePath+"/autoscale/min",schemaPath:"#/properties/autoscale/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.autoscale.properties.min.type,parentSchema:schema15.properties.autoscale.properties.min,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
const err55 = {instancePath:instancePath+"/autoscale/min",schemaPath:"#/properties/autoscale/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema15.properties.autoscale.properties.min,data:data23};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
if(data22.max !== undefined){
let data24 = data22.max;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err56 = {instancePath:instancePath+"/autoscale/max",schemaPath:"#/properties/autoscale/properties/max/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.autoscale.properties.max.type,parentSchema:schema15.properties.autoscale.properties.max,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 1000 || isNaN(data24)){
const err57 = {instancePath:instancePath+"/autoscale/max",schemaPath:"#/properties/autoscale/properties/max/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema15.properties.autoscale.properties.max,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data24 < 1 || isNaN(data24)){
const err58 = {instancePath:instancePath+"/autoscale/max",schemaPath:"#/properties/autoscale/properties/max/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15.properties.autoscale.properties.max,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
if(data22.cpu !== undefined){
let data25 = data22.cpu;
const _errs74 = errors;
let valid18 = false;
const _errs75 = errors;
if(typeof data25 === "string"){
if(!pattern15.test(data25)){
const err59 = {instancePath:instancePath+"/autoscale/cpu",schemaPath:"#/definitions/percent/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?%$",parentSchema:schema41.anyOf[0],data:data25};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/autoscale/cpu",schemaPath:"#/definitions/percent/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.anyOf[0].type,parentSchema:schema41.anyOf[0],data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
var _valid2 = _errs75 === errors;
valid18 = valid18 || _valid2;
if(!valid18){
const _errs77 = errors;
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 <= 0 || isNaN(data25)){
const err61 = {instancePath:instancePath+"/autoscale/cpu",schemaPath:"#/definitions/percent/anyOf/1/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema41.anyOf[1],data:data25};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/autoscale/cpu",schemaPath:"#/definitions/percent/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema41.anyOf[1].type,parentSchema:schema41.anyOf[1],data:data25};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
var _valid2 = _errs77 === errors;
valid18 = valid18 || _valid2;
}
if(!valid18){
const err63 = {instancePath:instancePath+"/autoscale/cpu",schemaPath:"#/definitions/percent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema41.anyOf,parentSchema:schema41,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
else {
errors = _errs74;
if(vErrors !== null){
if(_errs74){
vErrors.length = _errs74;
}
else {
vErrors = null;
}
}
}
}
if(data22.memory !== undefined){
let data26 = data22.memory;
const _errs81 = errors;
let valid20 = false;
const _errs82 = errors;
if(typeof data26 === "string"){
if(!pattern15.test(data26)){
const err64 = {instancePath:instancePath+"/autoscale/memory",schemaPath:"#/definitions/percent/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\"",schema:"^[0-9]+(\\.[0-9]+)?%$",parentSchema:schema41.anyOf[0],data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/autoscale/memory",schemaPath:"#/definitions/percent/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.anyOf[0].type,parentSchema:schema41.anyOf[0],data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
var _valid3 = _errs82 === errors;
valid20 = valid20 || _valid3;
if(!valid20){
const _errs84 = errors;
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 <= 0 || isNaN(data26)){
const err66 = {instancePath:instancePath+"/autoscale/memory",schemaPath:"#/definitions/percent/anyOf/1/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema41.anyOf[1],data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
else {
const err67 = {instancePath:instancePath+"/autoscale/memory",schemaPath:"#/definitions/percent/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema41.anyOf[1].type,parentSchema:schema41.anyOf[1],data:data26};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
var _valid3 = _errs84 === errors;
valid20 = valid20 || _valid3;
}
if(!valid20){
const err68 = {instancePath:instancePath+"/autoscale/memory",schemaPath:"#/definitions/percent/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema41.anyOf,parentSchema:schema41,data:data26};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
else {
errors = _errs81;
if(vErrors !== null){
if(_errs81){
vErrors.length = _errs81;
}
else {
vErrors = null;
}
}
}
}
if(data22.schedule !== undefined){
let data27 = data22.schedule;
if(Array.isArray(data27)){
const len0 = data27.length;
for(let i0=0; i0<len0; i0++){
let data28 = data27[i0];
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.cron === undefined){
const err69 = {instancePath:instancePath+"/autoscale/schedule/" + i0,schemaPath:"#/properties/autoscale/properties/schedule/items/required",keyword:"required",params:{missingProperty: "cron"},message:"must have required property '"+"cron"+"'",schema:schema15.properties.autoscale.properties.schedule.items.required,parentSchema:schema15.properties.autoscale.properties.schedule.items,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key6 in data28){
if(!(((key6 === "cron") || (key6 === "min")) || (key6 === "max"))){
const err70 = {instancePath:instancePath+"/autoscale/schedule/" + i0,schemaPath:"#/properties/autoscale/properties/schedule/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema15.properties.autoscale.properties.schedule.items,data:data28};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data28.cron !== undefined){
let data29 = data28.cron;
if(typeof data29 !== "string"){
const err71 = {instancePath:instancePath+"/autoscale/schedule/" + i0+"/cron",schemaPath:"#/properties/autoscale/properties/schedule/items/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.autoscale.properties.schedule.items.properties.cron.type,parentSchema:schema15.properties.autoscale.properties.schedule.items.properties.cron,data:data29};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data28.min !== undefined){
let data30 = data28.min;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err72 = {instancePath:instancePath+"/autoscale/schedule/" + i0+"/min",schemaPath:"#/properties/autoscale/properties/schedule/items/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.autoscale.properties.schedule.items.properties.min.type,parentSchema:schema15.properties.autoscale.properties.schedule.items.properties.min,data:data30};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err73 = {instancePath:instancePath+"/autoscale/schedule/" + i0+"/min",schemaPath:"#/properties/autoscale/properties/schedule/items/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema15.properties.autoscale.properties.schedule.items.properties.min,data:data30};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
if(data28.max !== undefined){
let data31 = data28.max;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err74 = {instancePath:instancePath+"/autoscale/schedule/" + i0+"/max",schemaPath:"#/properties/autoscale/properties/schedule/items/properties/max/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.properties.autoscale.properties.schedule.items.properties.max.type,parentSchema:schema15.properties.autoscale.properties.schedule.items.properties.max,data:data31};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 < 1 || isNaN(data31)){
const err75 = {instancePath:instancePath+"/autoscale/schedule/" + i0+"/max",schemaPath:"#/properties/autoscale/properties/schedule/items/properties/max/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15.properties.autoscale.properties.schedule.items.properties.max,data:data31};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
}
else {
const err76 = {instancePath:instancePath+"/autoscale/schedule/" + i0,schemaPath:"#/properties/autoscale/properties/schedule/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.autoscale.properties.schedule.items.type,parentSchema:schema15.properties.autoscale.properties.schedule.items,data:data28};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/autoscale/schedule",schemaPath:"#/properties/autoscale/properties/schedule/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema15.properties.autoscale.properties.schedule.type,parentSchema:schema15.properties.autoscale.properties.schedule,data:data27};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
else {
const err78 = {instancePath:instancePath+"/autoscale",schemaPath:"#/properties/autoscale/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.properties.autoscale.type,parentSchema:schema15.properties.autoscale,data:data22};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data.placement !== undefined){
let data32 = data.placement;
if(typeof data32 !== "string"){
const err79 = {instancePath:instancePath+"/placement",schemaPath:"#/properties/placement/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.placement.type,parentSchema:schema15.properties.placement,data:data32};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(!((data32 === "spread") || (data32 === "binpack"))){
const err80 = {instancePath:instancePath+"/placement",schemaPath:"#/properties/placement/enum",keyword:"enum",params:{allowedValues: schema15.properties.placement.enum},message:"must be equal to one of the allowed values",schema:schema15.properties.placement.enum,parentSchema:schema15.properties.placement,data:data32};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://flotilla.dev/schemas/flotilla.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.services === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "services"},message:"must have required property '"+"services"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "version") || (key0 === "project")) || (key0 === "nodes")) || (key0 === "services")) || (key0 === "volumes")) || (key0 === "allow"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema11.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.project !== undefined){
let data1 = data.project;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err4 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema11.properties.project,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.project.type,parentSchema:schema11.properties.project,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.nodes !== undefined){
let data2 = data.nodes;
if(Array.isArray(data2)){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.nodes,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate11(data2[i0], {instancePath:instancePath+"/nodes/" + i0,parentData:data2,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.nodes.type,parentSchema:schema11.properties.nodes,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.services !== undefined){
let data4 = data.services;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length < 1){
const err8 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema11.properties.services,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data4){
const _errs10 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err9 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema11.properties.services.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid3 = _errs10 === errors;
if(!valid3){
const err10 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.services.propertyNames,parentSchema:schema11.properties.services,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key2 in data4){
if(!(validate13(data4[key2], {instancePath:instancePath+"/services/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data4,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err11 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.services.type,parentSchema:schema11.properties.services,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.volumes !== undefined){
let data6 = data.volumes;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key3 in data6){
const _errs15 = errors;
if(typeof key3 === "string"){
if(!pattern0.test(key3)){
const err12 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"},message:"must match pattern \""+"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"+"\"",schema:"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",parentSchema:schema11.properties.volumes.propertyNames,data:key3,propertyName:key3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
var valid5 = _errs15 === errors;
if(!valid5){
const err13 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema11.properties.volumes.propertyNames,parentSchema:schema11.properties.volumes,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
for(const key4 in data6){
let data7 = data6[key4];
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key5 in data7){
if(!(key5 === "labels")){
const err14 = {instancePath:instancePath+"/volumes/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.volumes.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data7.labels !== undefined){
let data8 = data7.labels;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key6 in data8){
let data9 = data8[key6];
if(typeof data9 !== "string"){
const err15 = {instancePath:instancePath+"/volumes/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/labels/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/additionalProperties/properties/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.volumes.additionalProperties.properties.labels.additionalProperties.type,parentSchema:schema11.properties.volumes.additionalProperties.properties.labels.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/volumes/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/labels",schemaPath:"#/properties/volumes/additionalProperties/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.volumes.additionalProperties.properties.labels.type,parentSchema:schema11.properties.volumes.additionalProperties.properties.labels,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/volumes/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/volumes/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.volumes.additionalProperties.type,parentSchema:schema11.properties.volumes.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/volumes",schemaPath:"#/properties/volumes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.volumes.type,parentSchema:schema11.properties.volumes,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.allow !== undefined){
let data10 = data.allow;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(typeof data11 !== "string"){
const err19 = {instancePath:instancePath+"/allow/" + i1,schemaPath:"#/properties/allow/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.allow.items.type,parentSchema:schema11.properties.allow.items,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!((((((((data11 === "privileged") || (data11 === "host-network")) || (data11 === "host-pid")) || (data11 === "cap-add")) || (data11 === "devices")) || (data11 === "docker-socket")) || (data11 === "host-paths")) || (data11 === "public-ports"))){
const err20 = {instancePath:instancePath+"/allow/" + i1,schemaPath:"#/properties/allow/items/enum",keyword:"enum",params:{allowedValues: schema11.properties.allow.items.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.allow.items.enum,parentSchema:schema11.properties.allow.items,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let i2 = data10.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data10[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err21 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema11.properties.allow,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err22 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.allow.type,parentSchema:schema11.properties.allow,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

