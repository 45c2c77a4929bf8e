// A working function next to the broken ones: the Workspace Trust run tries to invoke it.
exports.handler = async (event, context) => {
  console.log('hello-node got', JSON.stringify(event));
  return { greeting: `hello ${event.name ?? 'world'}`, requestId: context.getRequestID() };
};
