/**
 * The process engine: the embedded Zeebe engine, the client side of any engine, model deployment, the process view
 * and the open incidents.
 */
@ApplicationModule(allowedDependencies = {"platform"})
package io.leadflow.engine;

import org.springframework.modulith.ApplicationModule;
