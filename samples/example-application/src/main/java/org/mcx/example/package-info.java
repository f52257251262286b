/**
 * The example external application: {@link org.mcx.example.ExampleApplication} and the other
 * {@code Example*} classes use only shared-protocol, the JDK, SLF4J and picocli — their module
 * declares nothing else and its build fails if they use anything else — so that a developer can
 * copy them. Run it from its own jar:
 *
 * <pre>
 * java -jar samples/example-application/target/example-application.jar \
 *      --registry ws://127.0.0.1:8080 --application-id app-7b2e9c4a10f3 --secret-file app.secret \
 *      --user alice --password-file alice.password --interval 3 --priority normal
 * </pre>
 */
package org.mcx.example;
