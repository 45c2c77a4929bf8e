// A function run for Cloud Trace Service audit records: who did what to which resource.
exports.handler = async (event, context) => {
  const trace = event.cts;
  const who = trace.user ? trace.user.name : 'unknown';
  context.getLogger().info(`${who} ${trace.trace_name} on ${trace.service_type} ${trace.resource_type} ${trace.resource_name}`);
  return { user: who, operation: trace.trace_name, service: trace.service_type, resource: trace.resource_name, status: trace.trace_status };
};
