package com.huawei.services.runtime;

/**
 * The shim's copy of Huawei's runtime Context (Runtime-2.0.5.jar is not downloadable), with the
 * documented method set (RT-2, builtin-runtimes.md §2.2). Defined in the function's class loader
 * only when the function's class path lacks the real interface.
 */
public interface Context {
    String getRequestID();

    int getRemainingTimeInMilliSeconds();

    String getAccessKey();

    String getSecretKey();

    String getSecurityAccessKey();

    String getSecuritySecretKey();

    String getSecurityToken();

    String getToken();

    String getUserData(String key);

    String getFunctionName();

    int getRunningTimeInSeconds();

    String getVersion();

    int getMemorySize();

    int getCPUNumber();

    String getPackage();

    String getProjectID();

    String getAlias();

    RuntimeLogger getLogger();
}
