package com.opentelekomcloud.services.runtime;

/**
 * The shim's copy of OpenTelekomCloud's runtime Context (opentelekomcloud-functiongraph-java-core),
 * same method set; defined in the function's class loader only when its class path lacks the real one.
 */
public interface Context {
    String getRequestID();

    int getRemainingTimeInMilliSeconds();

    @Deprecated
    String getAccessKey();

    @Deprecated
    String getSecretKey();

    String getSecurityAccessKey();

    String getSecuritySecretKey();

    String getUserData(String envvarname);

    String getFunctionName();

    int getRunningTimeInSeconds();

    String getVersion();

    int getMemorySize();

    int getCPUNumber();

    String getProjectID();

    String getPackage();

    String getToken();

    String getSecurityToken();

    RuntimeLogger getLogger();

    Object getState();

    void setState(Object state);

    String getInstanceID();

    String getInvokeProperty();

    String getTraceID();

    String getInvokeID();

    String getAlias();

    String getWorkflowRunID();

    String getWorkflowStateID();

    String getWorkflowID();
}
