package io.leadflow;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * For an {@code @ApplicationModuleTest} {@link WithoutInfrastructure}: a module's {@code @Transactional} and a
 * Scenario's transaction need a manager, not a database. This one begins and commits nothing, but runs what waits for
 * the commit, as a listener after it does.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TransactionsWithoutADatabase {

    @Bean
    PlatformTransactionManager transactionManager() {
        return new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
            }

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
            }
        };
    }
}
