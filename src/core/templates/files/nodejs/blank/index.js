// A FunctionGraph event function. The platform calls `handler` with the parsed test event
// and a context: request ID, remaining time, environment variables, a logger, and more.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  logger.info(`${context.getFunctionName()} received request ${context.getRequestID()}`);
  return {
    message: 'Hello from FunctionGraph!',
    event,
  };
};
