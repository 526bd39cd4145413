<#assign subject>${lead.firstName}, datos de marketing y ventas que no cuadran en ${lead.company}</#assign>
Hola ${lead.firstName}:

Cuando marketing y ventas piden informes que cruzan el CRM, la web y las herramientas de campañas, el trabajo suele acabar en tu equipo técnico: integraciones frágiles, contactos duplicados y cifras que no coinciden entre departamentos.

Si eso te suena, te puede servir una guía técnica gratuita, «Cómo unificar los datos de marketing y ventas sin reescribir tus sistemas». Explica cómo deduplicar contactos, qué eventos conviene registrar y cómo dejar que cada área consulte sus propios datos sin depender de tu equipo para cada informe.

Está escrita para perfiles técnicos como el tuyo, con diagramas y sin lenguaje comercial.

¿Qué integración te está dando más trabajo ahora mismo a ti y a tu equipo?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
